package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraCluster;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ring discovery with two datacenters of two nodes: a pool with {@code localDatacenter} connects to its own
 * datacenter's nodes only. Every socket the pool asks for is recorded, and the kernel's socket table is watched
 * throughout for a connection to the other datacenter's Thrift port; neither may ever show one.
 */
@EmbeddedCassandra(datacenters = {"dc1:2", "dc2:2"})
class RingDatacenterTest {

    private static final String KEYSPACE = "TwoDatacenters";

    @BeforeAll
    static void createKeyspace(CassandraCluster cluster) {
        cluster.schema().createKeyspace(KEYSPACE, Map.of("dc1", 2, "dc2", 2), "Standard1");
    }

    @Test
    void aPoolWithALocalDatacenterNeverConnectsToAnother(CassandraCluster cluster) throws Exception {
        List<CassandraNode> local = nodesOf(cluster, "dc1");
        List<CassandraNode> remote = nodesOf(cluster, "dc2");
        Set<String> asked = ConcurrentHashMap.newKeySet();
        SocketFactory recording = (host, port, timeout) -> {
            asked.add(host + ":" + port);
            return SocketFactory.plain().create(host, port, timeout);
        };
        Set<String> remoteInKernel = ConcurrentHashMap.newKeySet();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                remoteInKernel.addAll(kernelConnectionsTo(remote));
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
            }
        }, "socket-table-watcher");
        watcher.start();
        try (ConnectionPool pool = TestPools.builder(List.of(local.get(0).thriftAddress()), KEYSPACE)
                .ringDiscovery(true).localDatacenter("dc1").tokenAware(true).poolSize(4)
                .socketFactory(recording).build()) {
            ColumnFamily cf = new ColumnFamily(pool, "Standard1");
            cf.setWriteConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM);
            cf.setReadConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM);
            for (int i = 0; i < 200; i++) {
                cf.insert("key" + i, Map.of("col", "value" + i));
                assertThat(cf.get("key" + i)).containsEntry("col", "value" + i);
            }

            assertThat(pool.serverStatuses()).extracting(ServerStatus::address)
                    .containsExactlyInAnyOrderElementsOf(addresses(local));
            assertThat(pool.serverStatuses()).extracting(ServerStatus::datacenter).containsOnly("dc1");
            assertThat(pool.routedToReplica()).isEqualTo(400);
        } finally {
            watching.set(false);
            watcher.join();
        }
        assertThat(asked).isNotEmpty().isSubsetOf(addresses(local));
        assertThat(remoteInKernel).as("connections to dc2's Thrift port in /proc/net/tcp").isEmpty();
    }

    @Test
    void aLocalDatacenterWithoutNodesFailsTheBuildNamingTheDatacentersSeen(CassandraCluster cluster) {
        assertThatThrownBy(() -> TestPools.builder(List.of(nodesOf(cluster, "dc1").get(0).thriftAddress()), KEYSPACE)
                .ringDiscovery(true).localDatacenter("dc9").build())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo("localDatacenter");
                    assertThat(e.value()).isEqualTo("dc9");
                })
                .hasMessageContaining("dc1").hasMessageContaining("dc2");
    }

    private static List<CassandraNode> nodesOf(CassandraCluster cluster, String datacenter) {
        return cluster.nodes().stream().filter(node -> node.datacenter().equals(datacenter)).toList();
    }

    private static Set<String> addresses(List<CassandraNode> nodes) {
        return nodes.stream().map(CassandraNode::thriftAddress).collect(Collectors.toSet());
    }

    /** The nodes among {@code nodes} that a TCP connection of this machine reaches on their Thrift port now. */
    private static Set<String> kernelConnectionsTo(List<CassandraNode> nodes) {
        Set<String> wanted = nodes.stream().map(node -> procAddress(node.address(), node.thriftPort()))
                .collect(Collectors.toSet());
        try {
            return Files.readAllLines(Path.of("/proc/net/tcp")).stream().skip(1)
                    .map(line -> line.trim().split("\\s+")[2])
                    .filter(wanted::contains)
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An IPv4 address and port as /proc/net/tcp writes them: the address's bytes reversed, in hex. */
    private static String procAddress(String ipv4, int port) {
        String[] bytes = ipv4.split("\\.");
        StringBuilder hex = new StringBuilder();
        for (int i = 3; i >= 0; i--) {
            hex.append(String.format("%02X", Integer.parseInt(bytes[i])));
        }
        return hex + ":" + String.format("%04X", port);
    }
}
