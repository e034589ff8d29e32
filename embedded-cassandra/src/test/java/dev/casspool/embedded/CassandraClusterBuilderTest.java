package dev.casspool.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The cluster builder's settings, checked without starting a node. */
class CassandraClusterBuilderTest {

    @Test
    void datacentersTakeAddressesInOrderWithARackPerNode() throws Exception {
        try (CassandraCluster cluster = CassandraCluster.builder().datacenter("east", 2).datacenter("west", 1)
                .build()) {
            assertThat(cluster.nodes()).extracting(CassandraNode::address, CassandraNode::datacenter,
                    CassandraNode::rack).containsExactly(tuple("127.0.0.1", "east", "rack1"),
                    tuple("127.0.0.2", "east", "rack2"), tuple("127.0.0.3", "west", "rack1"));
            assertThat(Files.readString(cluster.node(2).directory().resolve("conf/cassandra-rackdc.properties")))
                    .isEqualTo("dc=west\nrack=rack1\n");
            assertThat(cluster.nodes()).extracting(CassandraNode::jmxPort).doesNotHaveDuplicates();
        }
    }

    @Test
    void withoutDatacentersEveryNodeIsInSimpleSnitchsOnlyOne() {
        try (CassandraCluster cluster = CassandraCluster.builder().size(2).build()) {
            assertThat(cluster.nodes()).extracting(CassandraNode::datacenter, CassandraNode::rack)
                    .containsOnly(tuple("datacenter1", "rack1"));
            assertThat(cluster.node(0).directory().resolve("conf/cassandra-rackdc.properties")).doesNotExist();
        }
    }

    @Test
    void refusesSizeTogetherWithDatacenters() {
        assertThatThrownBy(() -> CassandraCluster.builder().size(3).datacenter("dc1", 2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size").hasMessageContaining("datacenters");
    }

    @Test
    void refusesBadDatacenters() {
        assertThatThrownBy(() -> CassandraCluster.builder().datacenter("dc1", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dc1").hasMessageContaining("0");
        assertThatThrownBy(() -> CassandraCluster.builder().datacenter("dc1", 1).datacenter("dc1", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dc1 is given twice");
        assertThatThrownBy(() -> CassandraCluster.builder().datacenter("dc 1", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("datacenter")
                .hasMessageContaining("'dc 1'");
    }

    @Test
    void addNodeNeedsTheDatacenterWhenThereAreSeveral() {
        try (CassandraCluster cluster = CassandraCluster.builder().datacenter("dc1", 1).datacenter("dc2", 1).build()) {
            assertThatThrownBy(cluster::addNode).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("[dc1, dc2]").hasMessageContaining("addNode(datacenter)");
            assertThatThrownBy(() -> cluster.addNode("dc3")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dc3").hasMessageContaining("[dc1, dc2]");
        }
    }

    @Test
    void decommissionTakesOnlyNodesOfTheCluster() {
        try (CassandraCluster cluster = CassandraCluster.builder().build();
             CassandraNode stranger = CassandraNode.builder().build()) {
            assertThatThrownBy(() -> cluster.decommission(stranger)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a node of this cluster");
            assertThatThrownBy(() -> cluster.decommission(cluster.node(0))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must be running");
        }
    }
}
