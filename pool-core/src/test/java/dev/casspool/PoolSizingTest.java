package dev.casspool;

import static dev.casspool.PoolEventType.CONNECTION_CHECKED_IN;
import static dev.casspool.PoolEventType.CONNECTION_CHECKED_OUT;
import static dev.casspool.PoolEventType.CONNECTION_CREATED;
import static dev.casspool.PoolEventType.CONNECTION_DISPOSED;
import static dev.casspool.PoolEventType.POOL_AT_MAX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sizes and counters, as pycassa's test_queue_pool and test_queue_pool_no_prefill check them. */
@EmbeddedCassandra
class PoolSizingTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Sizing", "Standard1");


    private static ConnectionPool.Builder pool(CassandraNode node, RecordingListener events) {
        return TestPools.builder(node, KEYSPACE)
                .poolSize(5)
                .maxOverflow(5)
                .poolTimeout(Duration.ofMillis(100))
                .useThreadLocal(false)
                .listener(events);
    }

    @Test
    void keepsPoolSizeIdleConnectionsAndDiscardsOverflowOnCheckIn(CassandraNode node) {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = pool(node, events).build()) {
            assertThat(events.count(CONNECTION_CREATED)).isEqualTo(5);
            assertThat(pool.checkedIn()).isEqualTo(5);

            List<ConnectionWrapper> connections = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                connections.add(pool.get());
            }
            assertThat(events.count(CONNECTION_CREATED)).isEqualTo(10);
            assertThat(events.count(CONNECTION_CHECKED_OUT)).isEqualTo(10);
            assertThat(pool.checkedOut()).isEqualTo(10);
            assertThat(pool.checkedIn()).isZero();
            assertThat(pool.overflow()).isEqualTo(5);
            assertThat(connections).doesNotHaveDuplicates();

            assertThatThrownBy(pool::get).isInstanceOf(NoConnectionAvailableException.class)
                    .hasMessageContaining(pool.loggingName()).hasMessageContaining("poolTimeout");
            assertThat(events.count(CONNECTION_CREATED)).isEqualTo(10);
            assertThat(events.count(POOL_AT_MAX)).isEqualTo(1);
            assertThat(events.events(POOL_AT_MAX).get(0).poolMax()).isEqualTo(10);

            for (int i = 0; i < 5; i++) {
                pool.put(connections.get(i));
            }
            assertThat(events.count(CONNECTION_CHECKED_IN)).isEqualTo(5);
            assertThat(events.count(CONNECTION_DISPOSED)).isZero();
            assertThat(pool.checkedIn()).isEqualTo(5);

            for (int i = 5; i < 10; i++) {
                pool.put(connections.get(i));
            }
            assertThat(events.count(CONNECTION_CHECKED_IN)).isEqualTo(10);
            assertThat(events.count(CONNECTION_DISPOSED)).isEqualTo(5);
            assertThat(events.events(CONNECTION_DISPOSED)).allSatisfy(
                    e -> assertThat(e.message()).isEqualTo("pool is already full"));
            assertThat(pool.checkedIn()).isEqualTo(5);
            assertThat(pool.checkedOut()).isZero();
            assertThat(pool.overflow()).isZero();

            // Five come from the pool, five more are new overflow connections.
            connections.clear();
            for (int i = 0; i < 5; i++) {
                connections.add(pool.get());
            }
            assertThat(events.count(CONNECTION_CREATED)).isEqualTo(10);
            for (int i = 0; i < 5; i++) {
                connections.add(pool.get());
            }
            assertThat(events.count(CONNECTION_CREATED)).isEqualTo(15);
            connections.forEach(pool::put);
            assertThat(events.count(CONNECTION_DISPOSED)).isEqualTo(10);

            ConnectionWrapper idle = connections.get(0);
            ConnectionWrapper disposed = connections.get(9);
            assertThatThrownBy(() -> pool.put(idle)).isInstanceOf(InvalidPoolRequestException.class)
                    .hasMessageContaining("already put back");
            pool.put(disposed);  // closed by the pool already: ignored, as in pycassa
            assertThat(pool.checkedIn()).isEqualTo(5);
            assertThat(pool.checkedOut()).isZero();
        }
    }

    @Test
    void withoutPrefillGrowsToPoolSizeBeforeReusingIdleConnections(CassandraNode node) {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = pool(node, events).prefill(false).build()) {
            assertThat(events.count(CONNECTION_CREATED)).isZero();
            for (int i = 0; i < 5; i++) {
                // Each get opens a new connection although the previous one is back in the pool (pycassa).
                ConnectionWrapper connection = pool.get();
                assertThat(events.count(CONNECTION_CREATED)).isEqualTo(i + 1);
                pool.put(connection);
            }
            ConnectionWrapper reused = pool.get();
            assertThat(events.count(CONNECTION_CREATED)).isEqualTo(5);
            pool.put(reused);
        }
    }

    @Test
    void fillOpensUpToPoolSizeCountingCheckedOutConnections(CassandraNode node) {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = pool(node, events).prefill(false).build()) {
            ConnectionWrapper held = pool.get();
            pool.fill();
            assertThat(events.count(CONNECTION_CREATED)).isEqualTo(5);
            assertThat(pool.checkedIn()).isEqualTo(4);
            assertThat(pool.checkedOut()).isEqualTo(1);
            pool.fill();
            assertThat(events.count(CONNECTION_CREATED)).isEqualTo(5);
            pool.put(held);
        }
    }

    @Test
    void unlimitedOverflowOpensAsManyAsNeeded(CassandraNode node) {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(2).maxOverflow(-1)
                .useThreadLocal(false).build()) {
            assertThat(pool.maxConnections()).isEqualTo(Integer.MAX_VALUE);
            List<ConnectionWrapper> connections = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                connections.add(pool.get());
            }
            assertThat(pool.overflow()).isEqualTo(10);
            connections.forEach(pool::put);
            assertThat(pool.checkedIn()).isEqualTo(2);
            assertThat(pool.overflow()).isZero();
        }
    }

    @Test
    void zeroPoolTimeoutFailsAtOnceAndNegativeWaitsUntilAConnectionComesBack(CassandraNode node) throws Exception {
        try (ConnectionPool failFast = TestPools.builder(node, KEYSPACE).poolSize(1).useThreadLocal(false)
                .poolTimeout(Duration.ZERO).build()) {
            ConnectionWrapper held = failFast.get();
            assertThatThrownBy(failFast::get).isInstanceOf(NoConnectionAvailableException.class);
            failFast.put(held);
        }
        try (ConnectionPool patient = TestPools.builder(node, KEYSPACE).poolSize(1).useThreadLocal(false)
                .poolTimeout(Duration.ofSeconds(-1)).build()) {
            ConnectionWrapper held = patient.get();
            Waiters waiters = new Waiters(patient);
            waiters.startAndAwaitParked(1);
            patient.put(held);
            ConnectionWrapper received = waiters.received(0);
            // Another thread's check-out of the same connection gets a handle of its own.
            assertThat(received.entry()).isSameAs(held.entry());
            patient.put(received);
        }
    }

    @Test
    void poolTimeoutIsHonoured(CassandraNode node) {
        Duration poolTimeout = Duration.ofMillis(300);
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).useThreadLocal(false)
                .poolTimeout(poolTimeout).build()) {
            ConnectionWrapper held = pool.get();
            long start = System.nanoTime();
            assertThatThrownBy(pool::get).isInstanceOf(NoConnectionAvailableException.class);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            // Never early; the upper margin only absorbs scheduling on a loaded machine.
            assertThat(waited).isGreaterThanOrEqualTo(poolTimeout).isLessThan(poolTimeout.plusMillis(500));
            pool.put(held);
        }
    }

    @Test
    void waitersAreServedInArrivalOrder(CassandraNode node) throws Exception {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).useThreadLocal(false).build()) {
            ConnectionWrapper held = pool.get();
            Waiters waiters = new Waiters(pool);
            for (int i = 0; i < 5; i++) {
                waiters.startAndAwaitParked(1);
            }
            assertThat(pool.pending()).isEqualTo(5);

            ConnectionWrapper passed = held;
            for (int i = 0; i < 5; i++) {
                pool.put(passed);
                passed = waiters.received(i);
                assertThat(passed.entry()).as("waiter %d's connection", i).isSameAs(held.entry());
            }
            pool.put(passed);
            assertThat(pool.pending()).isZero();
            assertThat(pool.checkedOut()).isZero();
        }
    }
}
