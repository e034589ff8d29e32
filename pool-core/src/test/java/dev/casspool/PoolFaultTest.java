package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exhaustion, misuse and a restart behind an idle pool, on one real node. */
@Tag("fault")
@EmbeddedCassandra
class PoolFaultTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("PoolFaults", "Standard1");


    @Test
    void sixtyFourThreadsOnFourConnectionsGetOneOrTimeOutOnTime(CassandraNode node) throws Exception {
        Duration poolTimeout = Duration.ofMillis(200);
        CountingSocketFactory sockets = new CountingSocketFactory();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(4).poolTimeout(poolTimeout)
                .useThreadLocal(false).socketFactory(sockets).build()) {
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger served = new AtomicInteger();
            Queue<Duration> timedOutAfter = new ConcurrentLinkedQueue<>();
            Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                        long start = System.nanoTime();
                        try {
                            ConnectionWrapper connection = pool.get();
                            connection.describe_keyspace(KEYSPACE.name());
                            Thread.sleep(100);  // the caller's work, holding the connection
                            pool.put(connection);
                            served.incrementAndGet();
                        } catch (NoConnectionAvailableException e) {
                            timedOutAfter.add(Duration.ofNanos(System.nanoTime() - start));
                        }
                    } catch (Throwable t) {
                        unexpected.add(t);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            go.countDown();
            for (Thread thread : threads) {
                thread.join(60_000);
            }

            assertThat(unexpected).isEmpty();
            assertThat(served.get() + timedOutAfter.size()).isEqualTo(64);
            assertThat(served.get()).isGreaterThanOrEqualTo(4);
            assertThat(timedOutAfter).isNotEmpty().allSatisfy(waited -> assertThat(waited)
                    .isGreaterThanOrEqualTo(poolTimeout).isLessThanOrEqualTo(poolTimeout.plusMillis(50)));
            assertThat(pool.checkedOut()).isZero();
            assertThat(pool.pending()).isZero();
            assertThat(sockets.maxOpen()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void misuseFailsClearlyAndLeaksNothing(CassandraNode node) throws Exception {
        CountingSocketFactory sockets = new CountingSocketFactory();
        ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(2).useThreadLocal(false)
                .socketFactory(sockets).build();
        try (ConnectionPool other = TestPools.builder(node, KEYSPACE).build()) {
            ConnectionWrapper connection = pool.get();
            pool.put(connection);
            assertThatThrownBy(() -> pool.put(connection)).isInstanceOf(InvalidPoolRequestException.class)
                    .hasMessageContaining("already put back");

            ConnectionWrapper foreign = other.get();
            assertThatThrownBy(() -> pool.put(foreign)).isInstanceOf(InvalidPoolRequestException.class)
                    .hasMessageContaining("belongs to pool " + other.loggingName());
            other.put(foreign);
            assertThat(other.checkedOut()).isZero();
        }

        ConnectionWrapper heldAtClose = pool.get();
        pool.close();
        assertThatThrownBy(pool::get).isInstanceOf(InvalidPoolRequestException.class).hasMessageContaining("closed");
        pool.put(heldAtClose);  // put after close: the connection is closed, no error
        assertThat(sockets.open()).isZero();
        assertThat(pool.checkedOut()).isZero();
    }

    @Test
    void aThreadInterruptedWhileWaitingKeepsItsFlagAndTakesNothing(CassandraNode node) throws Exception {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).useThreadLocal(false).build()) {
            ConnectionWrapper held = pool.get();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flagKept = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    pool.get();
                } catch (Throwable t) {
                    thrown.set(t);
                    flagKept.set(Thread.currentThread().isInterrupted());
                }
            });
            waiter.start();
            Conditions.await("the waiter to park", Duration.ofSeconds(30), () -> pool.pending() == 1
                    && (waiter.getState() == Thread.State.WAITING || waiter.getState() == Thread.State.TIMED_WAITING));
            waiter.interrupt();
            waiter.join(30_000);

            assertThat(thrown.get()).isInstanceOf(PoolException.class).hasMessageContaining("interrupted")
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(flagKept.get()).isTrue();
            assertThat(pool.pending()).isZero();
            assertThat(pool.checkedOut()).isEqualTo(1);
            pool.put(held);
            assertThat(pool.get()).isSameAs(held);  // the only connection was not lost to the interrupted waiter
            pool.put(held);
        }
    }

    @Test
    void aNodeRestartedBehindAnIdlePoolCostsNoCallerAFailure(CassandraNode node) throws Exception {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(3).listener(events).build()) {
            ColumnFamily cf = new ColumnFamily(pool, "Standard1");
            cf.insert("before", Map.of("c", "v"));
            events.clear();

            node.restart();  // the pool idles meanwhile: its connections now lead nowhere

            for (int i = 0; i < 10; i++) {
                cf.insert("after" + i, Map.of("c", "v"));
                assertThat(cf.get("before")).containsEntry("c", "v");
            }
            // Stale connections failed their check-out validation and were replaced one by one.
            assertThat(events.events(PoolEventType.CONNECTION_DISPOSED)).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.message()).contains("validation"));
            assertThat(events.count(PoolEventType.CONNECTION_FAILED)).isZero();
            assertThat(events.count(PoolEventType.SERVER_MARKED_DOWN)).isZero();
        }
    }

    @Test
    void withoutIdleValidationTheSameRestartCostsARetryAndMarksTheServerDown(CassandraNode node) throws Exception {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(3).validateAfterIdle(null)
                .listener(events).build()) {
            ColumnFamily cf = new ColumnFamily(pool, "Standard1");
            cf.insert("before", Map.of("c", "v"));
            events.clear();

            node.restart();
            assertThat(cf.get("before")).containsEntry("c", "v");  // retried on a new connection

            assertThat(events.count(PoolEventType.CONNECTION_FAILED)).isPositive();
            assertThat(events.count(PoolEventType.SERVER_MARKED_DOWN)).isEqualTo(1);
        }
    }
}
