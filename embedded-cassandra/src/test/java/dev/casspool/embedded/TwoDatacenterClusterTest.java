package dev.casspool.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.cassandra.thrift.EndpointDetails;
import org.apache.cassandra.thrift.TokenRange;
import org.junit.jupiter.api.Test;

/** One node in each of two datacenters, as {@code describe_ring} and JMX show them. */
@EmbeddedCassandra(datacenters = {"dc1:1", "dc2:1"})
class TwoDatacenterClusterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void placesEachNodeInItsDatacenterAndRack(CassandraCluster cluster) throws Exception {
        assertThat(cluster.nodes()).extracting(CassandraNode::address, CassandraNode::datacenter, CassandraNode::rack)
                .containsExactly(tuple("127.0.0.1", "dc1", "rack1"), tuple("127.0.0.2", "dc2", "rack1"));
        try (ThriftConnection connection = cluster.node(1).openConnection(TIMEOUT)) {
            assertThat(connection.client().describe_snitch())
                    .isEqualTo("org.apache.cassandra.locator.GossipingPropertyFileSnitch");
        }
    }

    @Test
    void describeRingListsOneReplicaPerDatacenterWithItsDetails(CassandraCluster cluster) throws Exception {
        cluster.schema().createKeyspace("BothDatacenters", Map.of("dc1", 1, "dc2", 1), Rows.COLUMN_FAMILY);
        Map<String, String> datacenterOf = cluster.nodes().stream()
                .collect(Collectors.toMap(CassandraNode::address, CassandraNode::datacenter));

        List<TokenRange> ring;
        try (ThriftConnection connection = cluster.node(0).openConnection(TIMEOUT)) {
            ring = connection.client().describe_ring("BothDatacenters");
        }

        assertThat(ring).hasSize(2 * 16);  // num_tokens 16 on each node
        for (TokenRange range : ring) {
            assertThat(range.getEndpoints()).containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2");
            assertThat(range.getRpc_endpoints()).isEqualTo(range.getEndpoints());
            for (EndpointDetails details : range.getEndpoint_details()) {
                assertThat(details.getDatacenter()).isEqualTo(datacenterOf.get(details.getHost()));
                assertThat(details.getRack()).isEqualTo("rack1");
            }
        }
    }

    @Test
    void localRingListsOnlyTheCoordinatorsDatacenter(CassandraCluster cluster) throws Exception {
        cluster.schema().createKeyspace("FirstDatacenterOnly", Map.of("dc1", 1), Rows.COLUMN_FAMILY);
        cluster.schema().createKeyspace("EachDatacenter", Map.of("dc1", 1, "dc2", 1), Rows.COLUMN_FAMILY);

        try (ThriftConnection connection = cluster.node(1).openConnection(TIMEOUT)) {
            List<TokenRange> local = connection.client().describe_local_ring("EachDatacenter");
            // Ranges between the local datacenter's own tokens, with its replicas only.
            assertThat(local).hasSize(16).allSatisfy(range ->
                    assertThat(range.getRpc_endpoints()).containsExactly("127.0.0.2"));
            // A keyspace without replicas in the local datacenter: the ranges are there, with no replica.
            assertThat(connection.client().describe_local_ring("FirstDatacenterOnly")).hasSize(16)
                    .allSatisfy(range -> assertThat(range.getRpc_endpoints()).isEmpty());
            assertThat(connection.client().describe_ring("FirstDatacenterOnly")).hasSize(32)
                    .allSatisfy(range -> assertThat(range.getRpc_endpoints()).containsExactly("127.0.0.1"));
        }
    }

    @Test
    void eachQuorumWritesReachBothDatacenters(CassandraCluster cluster) throws Exception {
        cluster.schema().createKeyspace("Written", Map.of("dc1", 1, "dc2", 1), Rows.COLUMN_FAMILY);
        try (ThriftConnection connection = cluster.node(0).openConnection(TIMEOUT).useKeyspace("Written")) {
            Rows.insert(connection.client(), "key", "col", "value", ConsistencyLevel.EACH_QUORUM);
        }
        try (ThriftConnection connection = cluster.node(1).openConnection(TIMEOUT).useKeyspace("Written")) {
            assertThat(Rows.get(connection.client(), "key", "col", ConsistencyLevel.LOCAL_ONE)).isEqualTo("value");
        }
    }

    @Test
    void eachNodeAnswersJmxOnItsOwnPort(CassandraCluster cluster) {
        assertThat(cluster.node(0).jmxPort()).isNotEqualTo(cluster.node(1).jmxPort());
        for (CassandraNode node : cluster.nodes()) {
            try (JmxConnection jmx = node.openJmx()) {
                assertThat(jmx.datacenter()).isEqualTo(node.datacenter());
                assertThat(jmx.rack()).isEqualTo(node.rack());
                assertThat(jmx.operationMode()).isEqualTo("NORMAL");
                assertThat(jmx.liveNodes()).containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2");
            }
        }
    }
}
