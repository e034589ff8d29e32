package dev.casspool;

import static dev.casspool.Utf8.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraCluster;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.cassandra.thrift.Column;
import org.apache.cassandra.thrift.ColumnParent;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.cassandra.thrift.InvalidRequestException;
import org.apache.cassandra.thrift.NotFoundException;
import org.apache.cassandra.thrift.TimedOutException;
import org.apache.cassandra.thrift.UnavailableException;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retries and failover on a real 3-node ring (RF 3): dead ports, killed and paused nodes, and Cassandra's own
 * Unavailable and TimedOut answers. Application errors are never retried.
 */
@EmbeddedCassandra(nodes = 3)
class FailoverTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Failover", "Standard1").withCounters("Counter1");
    private static final ColumnParent STANDARD1 = new ColumnParent("Standard1");


    private static ThriftCall<Void> insertAt(ConsistencyLevel level) {
        Column column = new Column(bytes("c")).setValue(bytes("v")).setTimestamp(System.currentTimeMillis() * 1000);
        return client -> {
            client.insert(bytes("key"), STANDARD1, column, level);
            return null;
        };
    }

    @Test
    void aDeadServerInTheListIsReportedMarkedDownAndSkipped(CassandraCluster cluster) throws Exception {
        RecordingListener events = new RecordingListener();
        String dead = "127.0.0.1:1";
        try (ConnectionPool pool = TestPools.builder(cluster, KEYSPACE).serverList(cluster.node(0).thriftAddress(),
                dead).poolSize(4).listener(events).build()) {
            assertThat(pool.checkedIn()).isEqualTo(4);
            assertThat(events.events(PoolEventType.CONNECTION_FAILED)).singleElement().satisfies(e -> {
                assertThat(e.server()).isEqualTo(dead);
                assertThat(e.connection()).isNull();
                assertThat(e.error()).isInstanceOf(TTransportException.class);
            });
            assertThat(events.events(PoolEventType.SERVER_MARKED_DOWN)).singleElement()
                    .satisfies(e -> assertThat(e.server()).isEqualTo(dead));
            assertThat(pool.serverStatuses()).anySatisfy(status -> {
                assertThat(status.address()).isEqualTo(dead);
                assertThat(status.up()).isFalse();
                assertThat(status.lastFailure()).isNotNull();
            });
            pool.execute(insertAt(ConsistencyLevel.ONE));
        }
    }

    @Test
    void onlyDeadServersGiveAllServersUnavailableAndLeaveNoSocket() {
        RecordingListener events = new RecordingListener();
        CountingSocketFactory sockets = new CountingSocketFactory();
        assertThatThrownBy(() -> ConnectionPool.builder().keyspace(KEYSPACE.name())
                .serverList("127.0.0.1:1", "127.0.0.2:1")
                .socketFactory(sockets).listener(events).build())
                .isInstanceOf(AllServersUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1").hasMessageContaining("127.0.0.2:1")
                .hasCauseInstanceOf(TTransportException.class);
        assertThat(events.count(PoolEventType.CONNECTION_FAILED)).isEqualTo(2);
        assertThat(sockets.open()).isZero();
    }

    @Test
    void aWrapperFailsOverWhenItsNodeIsKilledAndStaysTheSameObject(CassandraCluster cluster) throws Exception {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(cluster, KEYSPACE).poolSize(3).useThreadLocal(false)
                .listener(events).build()) {
            ConnectionWrapper connection = pool.get();
            String before = connection.server();
            nodeAt(cluster, before).kill();

            connection.insert(bytes("key"), STANDARD1, new Column(bytes("c")).setValue(bytes("v")).setTimestamp(1),
                    ConsistencyLevel.ONE);

            assertThat(connection.server()).isNotEqualTo(before);
            assertThat(events.events(PoolEventType.CONNECTION_FAILED)).first().satisfies(e -> {
                assertThat(e.server()).isEqualTo(before);
                assertThat(e.connection()).isSameAs(connection);
                assertThat(e.error()).isInstanceOf(TTransportException.class);
            });
            assertThat(events.events(PoolEventType.OPERATION_RETRIED)).isNotEmpty();
            assertThat(events.events(PoolEventType.SERVER_MARKED_DOWN)).first()
                    .satisfies(e -> assertThat(e.server()).isEqualTo(before));
            assertThat(pool.checkedOut()).isEqualTo(1);
            pool.put(connection);
            assertThat(pool.checkedOut()).isZero();
            assertThat(pool.checkedIn() + pool.checkedOut()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void unavailableIsRetriedUpToMaxRetriesAndCounterMutationsOnlyWhenAllowed(CassandraCluster cluster)
            throws Exception {
        cluster.node(2).kill();
        cluster.awaitLiveNodes();  // the survivors' failure detectors have convicted it: writes at ALL are Unavailable
        List<String> survivors = List.of(cluster.node(0).thriftAddress(), cluster.node(1).thriftAddress());
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(cluster, KEYSPACE).serverList(survivors).maxRetries(2)
                .listener(events).build()) {
            assertThatThrownBy(() -> pool.execute(insertAt(ConsistencyLevel.ALL)))
                    .isInstanceOf(MaximumRetryException.class)
                    .hasMessageContaining("retried 2 times")
                    .hasCauseInstanceOf(UnavailableException.class);
            assertThat(events.count(PoolEventType.CONNECTION_FAILED)).isEqualTo(3);
            assertThat(events.count(PoolEventType.OPERATION_RETRIED)).isEqualTo(2);
            // Cassandra answered: the servers are fine, none is marked down.
            assertThat(events.count(PoolEventType.SERVER_MARKED_DOWN)).isZero();
            assertThat(pool.checkedOut()).isZero();

            events.clear();
            ColumnFamily counters = new ColumnFamily(pool, "Counter1");
            counters.setWriteConsistencyLevel(ConsistencyLevel.ALL);
            assertThatThrownBy(() -> counters.add("page", "views", 1))
                    .isInstanceOf(MaximumRetryException.class)
                    .hasMessageContaining("does not retry counter mutations")
                    .hasCauseInstanceOf(UnavailableException.class);
            assertThat(events.count(PoolEventType.CONNECTION_FAILED)).isEqualTo(1);
            assertThat(events.count(PoolEventType.OPERATION_RETRIED)).isZero();
        }
        RecordingListener allowed = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(cluster, KEYSPACE).serverList(survivors).maxRetries(2)
                .retryCounterMutations(true).listener(allowed).build()) {
            ColumnFamily counters = new ColumnFamily(pool, "Counter1");
            counters.setWriteConsistencyLevel(ConsistencyLevel.ALL);
            assertThatThrownBy(() -> counters.add("page", "views", 1)).isInstanceOf(MaximumRetryException.class);
            assertThat(allowed.count(PoolEventType.CONNECTION_FAILED)).isEqualTo(3);
        }
    }

    @Test
    void cassandrasTimeoutIsRetriedOnAnotherServer(CassandraCluster cluster) throws Exception {
        List<String> others = List.of(cluster.node(0).thriftAddress(), cluster.node(1).thriftAddress());
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(cluster, KEYSPACE).serverList(others).maxRetries(1)
                .listener(events).build()) {
            // A frozen replica that nobody has convicted yet: a write at ALL waits for it until Cassandra's own
            // write timeout (2 s), well within the pool's 10 s socket timeout.
            cluster.node(2).pause();
            try {
                assertThatThrownBy(() -> pool.execute(insertAt(ConsistencyLevel.ALL)))
                        .isInstanceOf(MaximumRetryException.class)
                        .cause().isInstanceOfAny(TimedOutException.class, UnavailableException.class);
            } finally {
                cluster.node(2).resume();
            }
            // The first attempt timed out in Cassandra and was retried on the other server. There the frozen replica
            // makes the write time out too, or is already convicted (Unavailable): failure detectors that have few
            // heartbeats of a recently restarted node convict it within seconds.
            List<PoolEvent> failures = events.events(PoolEventType.CONNECTION_FAILED);
            assertThat(failures).hasSize(2).extracting(PoolEvent::server).doesNotHaveDuplicates();
            assertThat(failures.get(0).error()).isInstanceOf(TimedOutException.class);
            assertThat(events.events(PoolEventType.OPERATION_RETRIED)).singleElement()
                    .satisfies(e -> assertThat(e.error()).isInstanceOf(TimedOutException.class));
        }
    }

    @Test
    void aFrozenNodeCostsOneSocketTimeoutThenTheWrapperFailsOver(CassandraCluster cluster) throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        int maxRetries = 2;
        try (ConnectionPool pool = TestPools.builder(cluster, KEYSPACE).poolSize(3).useThreadLocal(false)
                .timeout(timeout).maxRetries(maxRetries).build()) {
            ConnectionWrapper connection = pool.get();
            CassandraNode frozen = nodeAt(cluster, connection.server());
            frozen.pause();
            try {
                long start = System.nanoTime();
                assertThat(connection.describe_keyspace(KEYSPACE.name()).getName()).isEqualTo(KEYSPACE.name());
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(connection.server()).isNotEqualTo(frozen.thriftAddress());
                // One timeout on the frozen node, then a healthy server: far below every attempt timing out.
                assertThat(took).isGreaterThanOrEqualTo(timeout).isLessThan(timeout.multipliedBy(maxRetries + 1));
            } finally {
                frozen.resume();
            }
            pool.put(connection);
        }
    }

    @Test
    void applicationErrorsReachTheCallerUnchangedAndKeepTheConnection(CassandraCluster cluster) {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(cluster, KEYSPACE).poolSize(1).listener(events).build()) {
            ConnectionWrapper connection = pool.get();
            assertThatThrownBy(() -> connection.insert(bytes("k"), new ColumnParent("NoSuchColumnFamily"),
                    new Column(bytes("c")).setValue(bytes("v")).setTimestamp(1), ConsistencyLevel.ONE))
                    .isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> new ColumnFamily(pool, "Standard1").get("never-written"))
                    .isInstanceOf(NotFoundException.class);
            pool.put(connection);
            assertThat(pool.get()).isSameAs(connection);
            assertThat(events.count(PoolEventType.CONNECTION_FAILED)).isZero();
            assertThat(events.count(PoolEventType.CONNECTION_DISPOSED)).isZero();
            pool.put(connection);
        }
    }

    private static CassandraNode nodeAt(CassandraCluster cluster, String thriftAddress) {
        return cluster.nodes().stream().filter(n -> n.thriftAddress().equals(thriftAddress)).findFirst()
                .orElseThrow();
    }
}
