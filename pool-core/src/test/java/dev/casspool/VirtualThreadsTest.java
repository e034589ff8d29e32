package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many virtual threads on few connections, as a Spring Boot application with {@code spring.threads.virtual.enabled}
 * runs them: every call completes, waiting threads are served, and no carrier thread is ever pinned (JFR's
 * {@code jdk.VirtualThreadPinned}, every event however short). Runs on Java 21 and later: {@code .ci/run} runs the
 * tests tagged {@code newer-jdks} on each newer JDK the machine has.
 */
@EmbeddedCassandra
@Tag("newer-jdks")
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadsTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Virtual", "Standard1");

    private static final int THREADS = 500;
    private static final int CALLS_PER_THREAD = 20;
    private static final String PINNED = "jdk.VirtualThreadPinned";

    @Test
    void fiveHundredVirtualThreadsShareFourConnectionsWithoutPinningACarrier(CassandraNode node) throws Throwable {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Path recorded = Files.createTempFile("casspool-virtual-threads", ".jfr");
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(4).poolTimeout(Duration.ofMinutes(2))
                .build();
             Recording pins = new Recording()) {
            // A first round loads and initializes the classes involved, which pins a carrier once, in the JDK.
            runVirtualThreads(pool, calls, failure);
            pins.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
            pins.start();
            runVirtualThreads(pool, calls, failure);
            pins.stop();
            pins.dump(recorded);

            assertThat(failure.get()).isNull();
            assertThat(calls.get()).isEqualTo(2 * THREADS * CALLS_PER_THREAD);
            assertThat(pool.pending()).isZero();
            assertThat(pool.checkedOut()).isZero();
            assertThat(pool.checkedIn()).isEqualTo(4);
            assertThat(RecordingFile.readAllEvents(recorded)).as(PINNED + " events")
                    .filteredOn(event -> event.getEventType().getName().equals(PINNED)).isEmpty();
        } finally {
            Files.deleteIfExists(recorded);
        }
    }

    private static void runVirtualThreads(ConnectionPool pool, AtomicInteger calls, AtomicReference<Throwable> failure)
            throws Throwable {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            threads.add(startVirtual(() -> {
                try {
                    for (int call = 0; call < CALLS_PER_THREAD; call++) {
                        pool.execute(client -> client.describe_cluster_name());
                        calls.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** {@code Thread.ofVirtual().start(task)}, reached by reflection: the tests compile for Java 17. */
    private static Thread startVirtual(Runnable task) throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        MethodHandle ofVirtual = lookup.findStatic(Thread.class, "ofVirtual",
                MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
        MethodHandle start = lookup.findVirtual(builder, "start", MethodType.methodType(Thread.class, Runnable.class));
        return (Thread) start.invoke(ofVirtual.invoke(), task);
    }
}
