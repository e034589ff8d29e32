package dev.casspool.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.thrift.TException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A ring that grows and shrinks while it runs: a node joins with {@code auto_bootstrap} and a node is decommissioned,
 * each time with data at replication factor 1, so that a row survives only if the server streamed it. Slow (a join and
 * a decommission each take ten seconds and more), hence tagged: {@code -Dgroups=ring} runs it. The ring goes from two
 * nodes to three and back to two; each test holds whatever size it finds.
 */
@Tag("ring")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RingChangeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int ROWS = 200;

    private static CassandraCluster cluster;

    @BeforeAll
    static void startTwoNodes() {
        cluster = CassandraCluster.builder().size(2).clusterName("casspool-ring-change").build().start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void anAddedNodeBootstrapsItsShareOfTheDataAndEveryNodeSeesItNormal() throws Exception {
        cluster.schema().createKeyspace("Joined", 1, Rows.COLUMN_FAMILY);
        writeRows(cluster.node(0), "Joined");
        int before = cluster.size();

        CassandraNode added = cluster.addNode();

        assertThat(cluster.size()).isEqualTo(before + 1);
        assertThat(cluster.nodes()).last().isSameAs(added);
        try (JmxConnection jmx = added.openJmx()) {
            assertThat(jmx.operationMode()).isEqualTo("NORMAL");
            assertThat(ownedBy(jmx, added, "Joined")).as("rows the new node owns").isNotEmpty();
        }
        for (CassandraNode node : cluster.nodes()) {
            assertThat(node.ringMembers()).as("describe_ring on %s", node).contains(added.address());
        }
        // At replication factor 1 a row whose range moved to the new node is readable only if it was streamed there.
        assertRowsReadableThrough(added, "Joined");
    }

    @Test
    @Order(2)
    void aDecommissionedNodeHandsOverItsDataLeavesTheRingAndStops() throws Exception {
        cluster.schema().createKeyspace("Left", 1, Rows.COLUMN_FAMILY);
        // Not the seed, and not a node addNode started: those keep a 10 s ring delay, which doubles a decommission.
        CassandraNode leaving = cluster.node(1);
        writeRows(cluster.node(0), "Left");
        try (JmxConnection jmx = leaving.openJmx()) {
            assertThat(ownedBy(jmx, leaving, "Left")).as("rows the leaving node owns").isNotEmpty();
        }

        cluster.decommission(leaving);

        assertThat(leaving.isRunning()).isFalse();
        assertThat(cluster.nodes()).doesNotContain(leaving);
        for (CassandraNode node : cluster.nodes()) {
            assertThat(node.ringMembers()).as("describe_ring on %s", node).doesNotContain(leaving.address());
        }
        assertRowsReadableThrough(cluster.node(0), "Left");
        // The ring is whole without it: every remaining node sees exactly the others up.
        cluster.awaitLiveNodes();
    }

    private static void writeRows(CassandraNode coordinator, String keyspace) throws TException {
        try (ThriftConnection connection = coordinator.openConnection(TIMEOUT).useKeyspace(keyspace)) {
            for (int i = 0; i < ROWS; i++) {
                Rows.insert(connection.client(), "key" + i, "col", "value" + i, ConsistencyLevel.ONE);
            }
        }
    }

    private static void assertRowsReadableThrough(CassandraNode coordinator, String keyspace) throws TException {
        try (ThriftConnection connection = coordinator.openConnection(TIMEOUT).useKeyspace(keyspace)) {
            for (int i = 0; i < ROWS; i++) {
                assertThat(Rows.get(connection.client(), "key" + i, "col", ConsistencyLevel.ONE))
                        .as("row key%d of %s", i, keyspace).isEqualTo("value" + i);
            }
        }
    }

    /** The rows of {@code keyspace} whose only replica, by the server's placement, is {@code node}. */
    private static List<String> ownedBy(JmxConnection jmx, CassandraNode node, String keyspace) {
        return IntStream.range(0, ROWS).mapToObj(i -> "key" + i)
                .filter(key -> jmx.naturalEndpoints(keyspace, Rows.COLUMN_FAMILY, hex(key))
                        .equals(List.of(node.address())))
                .toList();
    }

    private static String hex(String key) {
        return HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8));
    }
}
