package dev.casspool.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.junit.jupiter.api.Test;

@EmbeddedCassandra(nodes = 2)
class TwoNodeClusterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int ROWS = 20;

    @Test
    void formsOneRingOnTwoLoopbackAddresses(CassandraCluster cluster) {
        assertThat(cluster.thriftAddresses()).containsExactly(
                "127.0.0.1:" + cluster.node(0).thriftPort(), "127.0.0.2:" + cluster.node(0).thriftPort());
        // Returns only once each node sees both as live members of its ring.
        cluster.awaitLiveNodes();
    }

    @Test
    void keepsServingReadsAtOneAfterANodeIsKilled(CassandraCluster cluster) throws Exception {
        cluster.schema().createKeyspace("Replicated", 2, Rows.COLUMN_FAMILY);
        try (ThriftConnection connection = cluster.node(0).openConnection(TIMEOUT).useKeyspace("Replicated")) {
            for (int i = 0; i < ROWS; i++) {
                Rows.insert(connection.client(), "key" + i, "col", "value" + i, ConsistencyLevel.ALL);
            }
        }

        cluster.node(1).kill();
        assertThat(cluster.node(1).isRunning()).isFalse();
        // Reads at ONE need a live replica that the coordinator knows to be live: wait for its failure detector.
        cluster.awaitLiveNodes();

        try (ThriftConnection connection = cluster.node(0).openConnection(TIMEOUT).useKeyspace("Replicated")) {
            for (int i = 0; i < ROWS; i++) {
                assertThat(Rows.get(connection.client(), "key" + i, "col", ConsistencyLevel.ONE)).isEqualTo("value" + i);
            }
        }
    }
}
