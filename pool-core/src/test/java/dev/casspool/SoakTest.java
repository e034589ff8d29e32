package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.CassandraCluster;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ten minutes (system property {@code casspool.soak.duration}, ISO-8601) of 32 threads reading and writing at QUORUM
 * on a 3-node ring, recycling every 1000 operations, with one node restarted every minute. Prints file descriptors,
 * heap and pool counters every 30 s; asserts that no acknowledged write is lost, no connection or socket leaks, and
 * descriptors and heap stay flat. Not part of the default test command: {@code -Dgroups=soak} runs it (see
 * RELIABILITY.md).
 */
@Tag("soak")
@FaultRing
class SoakTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Soak", "Standard1");
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);
    private static final Duration RESTART_EVERY = Duration.ofMinutes(1);


    @Test
    void thirtyTwoThreadsThroughRollingRestartsLoseNothingAndLeakNothing(CassandraCluster cluster) throws Exception {
        Duration duration = Duration.parse(System.getProperty("casspool.soak.duration", "PT10M"));
        CountingSocketFactory sockets = new CountingSocketFactory();
        List<Sample> samples = new ArrayList<>();
        // pycassa's pool timeout (30 s), not the tests' usual 10 s: while a node restarts, the other two are saturated
        // on two cores and operations retry for many seconds, holding their connections.
        try (ConnectionPool pool = TestPools.builder(cluster, KEYSPACE).poolSize(8).maxOverflow(8).recycle(1_000)
                .timeout(Duration.ofSeconds(2)).maxRetries(10).poolTimeout(Duration.ofSeconds(30))
                .socketFactory(sockets).serverRetryInitialDelay(Duration.ofMillis(200))
                .serverRetryMaxDelay(Duration.ofSeconds(2)).build()) {
            LoadGenerator load = new LoadGenerator(pool, "Standard1", 32).start();
            AtomicInteger restarts = new AtomicInteger();
            ScheduledExecutorService restarter = Executors.newSingleThreadScheduledExecutor();
            restarter.scheduleAtFixedRate(() -> cluster.node(restarts.getAndIncrement() % cluster.size()).restart(),
                    RESTART_EVERY.toNanos(), RESTART_EVERY.toNanos(), TimeUnit.NANOSECONDS);
            long start = System.nanoTime();
            for (long report = start; report - start <= duration.toNanos(); report += REPORT_EVERY.toNanos()) {
                long wait = report - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                samples.add(Sample.take(start, load, pool, sockets));
                System.out.println("SOAK " + samples.get(samples.size() - 1));
            }
            restarter.shutdown();
            assertThat(restarter.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
            load.stop();
            Sample last = Sample.take(start, load, pool, sockets);
            samples.add(last);
            System.out.println("SOAK " + last + "; " + restarts.get() + " restarts; " + load.summary());

            assertThat(load.failures()).isEmpty();
            assertThat(load.lostWrites()).isEmpty();
            assertThat(pool.checkedOut()).isZero();
            assertThat(sockets.open()).isEqualTo(pool.checkedIn());
            // poolSize + maxOverflow pooled connections, plus the one probe of a restarted server at a time.
            assertThat(sockets.maxOpen()).isLessThanOrEqualTo(16 + 1);
            Sample first = samples.get(1 < samples.size() ? 1 : 0);
            assertThat(last.fileDescriptors()).isLessThanOrEqualTo(first.fileDescriptors() + 16);
            assertThat(last.heapMegabytes()).isLessThanOrEqualTo(first.heapMegabytes() + 64);
        }
    }

    /** What the JVM and the pool look like at one moment. */
    private record Sample(long seconds, long operations, long fileDescriptors, long heapMegabytes, int checkedOut,
                          int checkedIn, int openSockets) {

        static Sample take(long start, LoadGenerator load, ConnectionPool pool, CountingSocketFactory sockets) {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            String[] fds = new File("/proc/self/fd").list();
            return new Sample((System.nanoTime() - start) / 1_000_000_000L, load.operations(),
                    fds == null ? -1 : fds.length, heap, pool.checkedOut(), pool.checkedIn(), sockets.open());
        }

        @Override
        public String toString() {
            return "t=" + seconds + "s ops=" + operations + " fds=" + fileDescriptors + " heapMB=" + heapMegabytes
                    + " checkedOut=" + checkedOut + " checkedIn=" + checkedIn + " sockets=" + openSockets;
        }
    }
}
