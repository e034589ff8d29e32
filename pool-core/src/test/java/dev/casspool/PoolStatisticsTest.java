package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.time.Duration;
import java.util.Map;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.cassandra.thrift.UnavailableException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pool's own cumulative counts, against a real node: they include what happened while the pool was built
 * (prefill), count each thing once where it happens, and keep {@code created - disposed} equal to the connections open.
 */
@EmbeddedCassandra
class PoolStatisticsTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Statistics", "Standard1");

    /** Two replicas on a one-node ring: writes at consistency TWO are Unavailable, and retried. */
    private static final String TWO_REPLICAS = "StatisticsTwoReplicas";

    @BeforeAll
    static void createKeyspaceWithTwoReplicas(CassandraNode node) {
        node.schema().createKeyspace(TWO_REPLICAS, 2, "Standard1");
    }

    @Test
    void countTheConnectionsThatPrefillOpenedAndCheckOutsThatFoundThePoolFull(CassandraNode node) {
        ServerStatistics server;
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(3).useThreadLocal(false)
                .poolTimeout(Duration.ZERO).build()) {
            server = only(pool.statistics());
            assertThat(server.address()).isEqualTo(node.thriftAddress());
            assertThat(server.connectionsCreated()).isEqualTo(3);
            assertThat(server.connectionsDisposed()).isZero();

            ConnectionWrapper first = pool.get();
            ConnectionWrapper second = pool.get();
            ConnectionWrapper third = pool.get();
            assertThatThrownBy(pool::get).isInstanceOf(NoConnectionAvailableException.class);
            assertThatThrownBy(pool::get).isInstanceOf(NoConnectionAvailableException.class);
            pool.put(first);
            pool.put(second);
            pool.put(third);

            PoolStatistics statistics = pool.statistics();
            assertThat(statistics.checkoutsAtMax()).isEqualTo(2);
            assertThat(statistics.checkoutTimeouts()).isEqualTo(2);
            assertThat(statistics.serversAdded()).isZero();
            assertThat(statistics.serversRemoved()).isZero();
            assertThat(statistics.routedToReplica()).isZero();
            assertThat(statistics.routedElsewhere()).isZero();
            assertThat(server.connectionsCreated()).isEqualTo(3);
            assertThat(server.connectionsFailed()).isZero();
        }
        assertThat(server.connectionsDisposed()).as("all closed with the pool").isEqualTo(3);
    }

    @Test
    void countFailedConnectsAndServersMarkedDownPerServer(CassandraNode node) {
        String nothingListens = "127.0.0.1:1";
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).serverList(node.thriftAddress(), nothingListens)
                .poolSize(2).build()) {
            assertThat(pool.statistics().servers()).extracting(ServerStatistics::address)
                    .containsExactlyInAnyOrder(node.thriftAddress(), nothingListens);
            ServerStatistics dead = server(pool, nothingListens);
            assertThat(dead.connectionsFailed()).isEqualTo(1);
            assertThat(dead.markedDown()).isEqualTo(1);
            assertThat(dead.markedUp()).isZero();
            assertThat(dead.connectionsCreated()).isZero();
            assertThat(server(pool, node.thriftAddress()).connectionsCreated()).isEqualTo(2);
        }
    }

    @Test
    void countRecycledConnectionsAndTheirReplacements(CassandraNode node) throws Exception {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).recycle(1).build()) {
            ColumnFamily columnFamily = new ColumnFamily(pool, "Standard1");
            columnFamily.insert("recycled", Map.of("column", "one"));
            columnFamily.insert("recycled", Map.of("column", "two"));

            ServerStatistics server = only(pool.statistics());
            assertThat(server.connectionsRecycled()).isEqualTo(1);
            assertThat(server.connectionsCreated()).isEqualTo(2);
            assertThat(server.connectionsDisposed()).isEqualTo(1);
            assertThat(server.connectionsCreated() - server.connectionsDisposed())
                    .isEqualTo(pool.serverStatuses().get(0).openConnections());
        }
    }

    @Test
    void countRetriesAndTheFailuresBehindThem(CassandraNode node) {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).keyspace(TWO_REPLICAS).poolSize(1).maxRetries(2)
                .build()) {
            ColumnFamily columnFamily = new ColumnFamily(pool, "Standard1");
            columnFamily.setWriteConsistencyLevel(ConsistencyLevel.TWO);

            assertThatThrownBy(() -> columnFamily.insert("unavailable", Map.of("column", "value")))
                    .isInstanceOf(MaximumRetryException.class).hasCauseInstanceOf(UnavailableException.class);

            ServerStatistics server = only(pool.statistics());
            assertThat(server.operationsRetried()).isEqualTo(2);
            assertThat(server.connectionsFailed()).isEqualTo(3);
            // Cassandra answered: the server is not marked down; each failed attempt's connection was replaced.
            assertThat(server.markedDown()).isZero();
            assertThat(server.connectionsCreated()).isEqualTo(1 + 2);
            assertThat(server.connectionsCreated() - server.connectionsDisposed())
                    .isEqualTo(pool.serverStatuses().get(0).openConnections());
        }
    }

    private static ServerStatistics only(PoolStatistics statistics) {
        assertThat(statistics.servers()).hasSize(1);
        return statistics.servers().get(0);
    }

    private static ServerStatistics server(ConnectionPool pool, String address) {
        return pool.statistics().servers().stream().filter(server -> server.address().equals(address)).findFirst()
                .orElseThrow();
    }
}
