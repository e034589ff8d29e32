package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraCluster;
import dev.casspool.embedded.CassandraNode;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worst days of a 3-node ring (RF 3, QUORUM writes and reads) under 16 threads: a node killed, a node frozen,
 * every node down. Asserts on what clients saw and on what Cassandra stored.
 *
 * <p>Cassandra's own request timeouts are set below the pool's socket timeout, as they should be in production: a
 * coordinator waiting for a dead replica then answers TimedOut (retried elsewhere, server not blamed) before the
 * client's socket gives up on it.
 */
@Tag("fault")
@FaultRing
class ClusterFaultTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Faults", "Standard1");
    private static final Duration PATIENCE = Duration.ofSeconds(90);


    @Test
    void killNineOfOneNodeUnderLoadLosesNothing(CassandraCluster cluster) throws Exception {
        RecordingListener events = new RecordingListener();
        CassandraNode victim = cluster.node(1);
        try (ConnectionPool pool = TestPools.builder(cluster, KEYSPACE).poolSize(6).maxOverflow(6)
                .timeout(Duration.ofSeconds(2)).maxRetries(10).recycle(500)
                .serverRetryInitialDelay(Duration.ofMillis(200)).serverRetryMaxDelay(Duration.ofSeconds(1))
                .listener(events).build()) {
            LoadGenerator load = new LoadGenerator(pool, "Standard1", 16).start();
            awaitMore(load::operations, 2_000);

            victim.kill();
            Conditions.await("the pool to mark the killed node down", PATIENCE,
                    () -> markedDown(events, victim));
            cluster.awaitLiveNodes();  // the ring convicted it too: a real outage, not a blip
            awaitMore(load::operations, 2_000);

            victim.start();
            Conditions.await("the pool to open connections to the restarted node", PATIENCE,
                    () -> openConnections(pool, victim) > 0);
            awaitMore(load::operations, 2_000);
            load.stop();

            System.out.println("FAULT kill -9 under load: " + load.summary());
            assertThat(load.failures()).isEmpty();
            assertThat(load.lostWrites()).isEmpty();
            assertThat(events.events(PoolEventType.SERVER_MARKED_UP)).extracting(PoolEvent::server)
                    .contains(victim.thriftAddress());
            assertThat(pool.checkedOut()).isZero();
        }
    }

    @Test
    void aFrozenNodeCostsEachCallerAtMostItsTimeouts(CassandraCluster cluster) throws Exception {
        RecordingListener events = new RecordingListener();
        CassandraNode victim = cluster.node(2);
        Duration timeout = Duration.ofSeconds(1);
        int maxRetries = 5;
        try (ConnectionPool pool = TestPools.builder(cluster, KEYSPACE).poolSize(6).timeout(timeout)
                .maxRetries(maxRetries).serverRetryInitialDelay(Duration.ofMillis(200))
                .serverRetryMaxDelay(Duration.ofSeconds(1)).listener(events).build()) {
            LoadGenerator load = new LoadGenerator(pool, "Standard1", 16).start();
            awaitMore(load::operations, 2_000);

            victim.pause();
            try {
                Conditions.await("the pool to mark the frozen node down", PATIENCE, () -> markedDown(events, victim));
                awaitMore(load::operations, 3_000);  // the pool routes around it
            } finally {
                victim.resume();
            }
            Conditions.await("the pool to mark the node up after it resumed", PATIENCE,
                    () -> events.events(PoolEventType.SERVER_MARKED_UP).stream()
                            .anyMatch(e -> e.server().equals(victim.thriftAddress())));
            awaitMore(load::operations, 2_000);
            load.stop();

            System.out.println("FAULT SIGSTOP under load: " + load.summary());
            assertThat(load.failures()).isEmpty();
            assertThat(load.lostWrites()).isEmpty();
            // Every attempt times out at worst, plus opening a connection to the frozen node (the connect succeeds,
            // the login does not).
            assertThat(load.maxLatency()).isLessThan(timeout.multipliedBy(maxRetries + 1).plus(timeout));
            assertThat(pool.checkedOut()).isZero();
        }
    }

    @Test
    void everyNodeDownFailsFastAndThePoolServesAgainWhenANodeReturns(CassandraCluster cluster) throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        try (ConnectionPool pool = TestPools.builder(cluster, KEYSPACE).poolSize(3).useThreadLocal(false)
                .timeout(timeout).validateAfterIdle(Duration.ZERO)
                .serverRetryInitialDelay(Duration.ofMillis(200)).serverRetryMaxDelay(Duration.ofSeconds(1)).build()) {
            cluster.nodes().forEach(CassandraNode::kill);

            long start = System.nanoTime();
            assertThatThrownBy(pool::get).isInstanceOf(AllServersUnavailableException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(timeout.multipliedBy(cluster.size()));
            assertThat(pool.serverStatuses()).allSatisfy(status -> assertThat(status.up()).isFalse());
            assertThat(pool.checkedIn() + pool.checkedOut()).isZero();

            cluster.node(0).start();
            ConnectionWrapper connection = pool.get();
            assertThat(connection.server()).isEqualTo(cluster.node(0).thriftAddress());
            assertThat(connection.describe_keyspace(KEYSPACE.name()).getName()).isEqualTo(KEYSPACE.name());
            pool.put(connection);
        }
    }

    private static boolean markedDown(RecordingListener events, CassandraNode node) {
        return events.events(PoolEventType.SERVER_MARKED_DOWN).stream()
                .anyMatch(e -> e.server().equals(node.thriftAddress()));
    }

    private static int openConnections(ConnectionPool pool, CassandraNode node) {
        return pool.serverStatuses().stream().filter(s -> s.address().equals(node.thriftAddress()))
                .mapToInt(ServerStatus::openConnections).sum();
    }

    private static void awaitMore(LongSupplier operations, long more) throws InterruptedException {
        long target = operations.getAsLong() + more;
        Conditions.await(more + " more operations", PATIENCE, () -> operations.getAsLong() >= target);
    }
}
