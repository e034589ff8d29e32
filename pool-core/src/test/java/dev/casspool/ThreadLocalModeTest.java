package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** useThreadLocal, as pycassa's test_queue_pool_threadlocal checks it. */
@EmbeddedCassandra
class ThreadLocalModeTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("ThreadLocal", "Standard1");


    @Test
    void repeatedGetsInOneThreadReturnTheHeldConnectionAndOnePutReleasesIt(CassandraNode node) throws Exception {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).listener(events).build()) {
            ConnectionWrapper first = pool.get();
            for (int i = 0; i < 10; i++) {
                assertThat(pool.get()).isSameAs(first);
            }
            assertThat(pool.checkedOut()).isEqualTo(1);
            assertThat(events.count(PoolEventType.CONNECTION_CHECKED_OUT)).isEqualTo(1);

            ConnectionWrapper inOtherThread = CompletableFuture.supplyAsync(pool::get).get();
            assertThat(inOtherThread).isNotSameAs(first);
            assertThat(pool.checkedOut()).isEqualTo(2);

            for (int i = 0; i < 10; i++) {
                pool.put(first);  // the first put releases, the others are no-ops
            }
            assertThat(pool.checkedOut()).isEqualTo(1);
            assertThat(events.count(PoolEventType.CONNECTION_CHECKED_IN)).isEqualTo(1);

            // A thread that holds nothing cannot put back another thread's connection: a no-op, as in pycassa.
            pool.put(inOtherThread);
            assertThat(pool.checkedOut()).isEqualTo(1);
        }
    }

    @Test
    void putReleasesTheHeldConnectionWhateverIsPassed(CassandraNode node) {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).build()) {
            ConnectionWrapper held = pool.get();
            ConnectionWrapper idle = pool.tryGet().orElseThrow();
            assertThat(idle).isSameAs(held);
            pool.put(held);
            ConnectionWrapper another = pool.get();
            pool.put(another);
            assertThat(pool.checkedOut()).isZero();
            assertThat(pool.checkedIn()).isEqualTo(5);
        }
    }

    @Test
    void executeKeepsAConnectionTheThreadAlreadyHeld(CassandraNode node) throws Exception {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).build()) {
            ConnectionWrapper held = pool.get();
            String server = pool.execute(client -> ((ConnectionWrapper) client).server());
            assertThat(server).isEqualTo(held.server());
            assertThat(pool.checkedOut()).isEqualTo(1);
            assertThat(pool.get()).isSameAs(held);
            pool.put(held);
            pool.execute(client -> client.describe_version());
            assertThat(pool.checkedOut()).isZero();
        }
    }

    /**
     * A thread's check-outs start from the view of the pool it used last; one that turns from pool to pool must
     * still find in each the connection it holds there, and take nothing of one pool through its view of the other.
     */
    @Test
    void aThreadThatTurnsFromPoolToPoolHoldsOneConnectionOfEach(CassandraNode node) throws Exception {
        try (ConnectionPool first = TestPools.builder(node, KEYSPACE).build();
                ConnectionPool second = TestPools.builder(node, KEYSPACE).build()) {
            ConnectionWrapper heldInFirst = first.get();
            ConnectionWrapper heldInSecond = second.get();
            assertThat(heldInSecond.pool()).isSameAs(second);
            assertThat(first.get()).isSameAs(heldInFirst);
            assertThat(second.get()).isSameAs(heldInSecond);
            Object calledInFirst = first.execute(client -> client);
            Object calledInSecond = second.execute(client -> client);
            assertThat(calledInFirst).isSameAs(heldInFirst);
            assertThat(calledInSecond).isSameAs(heldInSecond);
            first.put(heldInFirst);
            second.put(heldInSecond);

            for (int i = 0; i < 20; i++) {
                ConnectionWrapper fromFirst = first.get();
                ConnectionWrapper fromSecond = second.get();
                assertThat(fromFirst.pool()).isSameAs(first);
                assertThat(fromSecond.pool()).isSameAs(second);
                assertThat(first.get()).isSameAs(fromFirst);
                first.put(fromFirst);
                second.put(fromSecond);
                ConnectionPool calledFirst = first.execute(client -> ((ConnectionWrapper) client).pool());
                ConnectionPool calledSecond = second.execute(client -> ((ConnectionWrapper) client).pool());
                assertThat(calledFirst).isSameAs(first);
                assertThat(calledSecond).isSameAs(second);
            }
            assertThat(first.checkedOut()).isZero();
            assertThat(second.checkedOut()).isZero();
        }
    }

    @Test
    void withoutThreadLocalEachGetChecksOutAnotherConnection(CassandraNode node) {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).useThreadLocal(false).build()) {
            ConnectionWrapper first = pool.get();
            ConnectionWrapper second = pool.get();
            assertThat(second).isNotSameAs(first);
            assertThat(pool.checkedOut()).isEqualTo(2);
            pool.put(first);
            pool.put(second);
            assertThat(pool.checkedOut()).isZero();
        }
    }

}
