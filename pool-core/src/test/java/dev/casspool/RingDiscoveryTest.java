package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraCluster;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import dev.casspool.embedded.JmxConnection;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.cassandra.thrift.Column;
import org.apache.cassandra.thrift.ColumnParent;
import org.apache.cassandra.thrift.ColumnPath;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.cassandra.thrift.UnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ring discovery and token-aware routing on a real 3-node ring: a pool seeded with one node connects to all three,
 * and at replication factor 1 every call about a row key, through {@code execute(key, ...)} or {@link ColumnFamily},
 * runs on the node that stores the key by the server's own placement ({@code StorageService.getNaturalEndpoints}).
 */
@EmbeddedCassandra(nodes = 3)
class RingDiscoveryTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Ring", "Standard1").withReplicationFactor(1);

    private static final int KEYS = 300;

    private static ConnectionPool.Builder ringPool(CassandraCluster cluster) {
        return TestPools.builder(List.of(cluster.node(0).thriftAddress()), KEYSPACE.name())
                .ringDiscovery(true)
                .tokenAware(true)
                .poolSize(6);
    }

    @Test
    void aPoolSeededWithOneNodeConnectsToEveryNodeOfTheRing(CassandraCluster cluster) {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = ringPool(cluster).listener(events).build()) {
            assertThat(pool.serverStatuses()).extracting(ServerStatus::address)
                    .containsExactlyInAnyOrderElementsOf(cluster.thriftAddresses());
            assertThat(pool.serverStatuses()).allSatisfy(server -> {
                assertThat(server.openConnections()).as(server.address()).isEqualTo(2);
                assertThat(server.datacenter()).isEqualTo("datacenter1");
                assertThat(server.rack()).isEqualTo("rack1");
            });
            assertThat(events.events(PoolEventType.SERVER_ADDED)).extracting(PoolEvent::server)
                    .containsExactlyInAnyOrder(cluster.node(1).thriftAddress(), cluster.node(2).thriftAddress());
            assertThat(events.count(PoolEventType.SERVER_REMOVED)).isZero();
            assertThat(pool.statistics().serversAdded()).isEqualTo(2);
            assertThat(pool.statistics().servers()).extracting(ServerStatistics::address)
                    .containsExactlyInAnyOrderElementsOf(cluster.thriftAddresses());
        }
    }

    @Test
    void everyCallAboutARowKeyRunsOnTheNodeThatStoresIt(CassandraCluster cluster) throws Exception {
        List<byte[]> keys = randomKeys();
        List<String> servedBy = new CopyOnWriteArrayList<>();
        try (ConnectionPool pool = ringPool(cluster)
                .listener(PoolListener.on(PoolEventType.CONNECTION_CHECKED_OUT,
                        event -> servedBy.add(event.connection().server())))
                .build();
             JmxConnection jmx = cluster.node(0).openJmx()) {
            ColumnFamily cf = new ColumnFamily(pool, "Standard1");
            List<String> owners = new ArrayList<>();
            for (byte[] key : keys) {
                String hex = HexFormat.of().formatHex(key);
                List<String> replicas = jmx.naturalEndpoints(KEYSPACE.name(), "Standard1", hex);
                assertThat(replicas).hasSize(1);
                owners.add(nodeAt(cluster, replicas.get(0)).thriftAddress());
            }
            servedBy.clear();

            for (int i = 0; i < keys.size(); i++) {
                ByteBuffer key = ByteBuffer.wrap(keys.get(i));
                String server = pool.execute(key, client -> {
                    client.insert(key, new ColumnParent("Standard1"), new Column(Utf8.bytes("c"))
                            .setValue(Utf8.bytes("v")).setTimestamp(1), ConsistencyLevel.ONE);
                    return ((ConnectionWrapper) client).server();
                });
                assertThat(server).as("execute for key %s", HexFormat.of().formatHex(keys.get(i)))
                        .isEqualTo(owners.get(i));
            }
            servedBy.clear();
            for (byte[] key : keys) {
                cf.insert(key, Map.of("col".getBytes(), "value".getBytes()));
                assertThat(cf.get(key)).hasSize(2);
                assertThat(cf.getCount(key)).isEqualTo(2);
                cf.remove(key);
            }
            List<String> expected = new ArrayList<>();
            for (String owner : owners) {
                expected.addAll(List.of(owner, owner, owner, owner));
            }
            assertThat(servedBy).isEqualTo(expected);
            assertThat(pool.routedElsewhere()).isZero();
            assertThat(pool.routedToReplica()).isEqualTo(5L * KEYS);
        }
    }

    /**
     * Unlike Astyanax's token-aware pool, a call whose every replica is down does not fail for want of a replica
     * connection: it runs through another node, and fails only as Cassandra fails it. A write at ANY even succeeds
     * (the coordinator keeps a hint), a read at ONE is Cassandra's Unavailable.
     */
    @Test
    void aCallWhoseEveryReplicaIsDownRunsThroughAnotherNode(CassandraCluster cluster) throws Exception {
        CassandraNode victim = cluster.node(2);
        ByteBuffer key;
        try (JmxConnection jmx = cluster.node(0).openJmx()) {
            key = randomKeys().stream().filter(candidate -> jmx.naturalEndpoints(KEYSPACE.name(), "Standard1",
                    HexFormat.of().formatHex(candidate)).equals(List.of(victim.address())))
                    .findFirst().map(ByteBuffer::wrap).orElseThrow();
        }
        try (ConnectionPool pool = ringPool(cluster).maxRetries(2).build()) {
            victim.kill();
            cluster.awaitLiveNodes();  // the survivors have convicted it: Cassandra answers Unavailable at once

            pool.execute(key, client -> {
                client.insert(key, new ColumnParent("Standard1"), new Column(Utf8.bytes("c"))
                        .setValue(Utf8.bytes("v")).setTimestamp(2), ConsistencyLevel.ANY);
                return null;
            });
            assertThatThrownBy(() -> pool.execute(key, client -> client.get(key,
                    new ColumnPath("Standard1").setColumn(Utf8.bytes("c")), ConsistencyLevel.ONE)))
                    .isInstanceOf(MaximumRetryException.class).hasCauseInstanceOf(UnavailableException.class);
            assertThat(pool.routedElsewhere()).isPositive();
            assertThat(pool.checkedOut()).isZero();
        }
    }

    @Test
    void tokenAwareRoutingNeedsRingDiscoveryAndSaysSo() {
        assertThatThrownBy(() -> ConnectionPool.builder().keyspace("Keyspace1").prefill(false).tokenAware(true)
                .build()).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo("tokenAware");
                    assertThat(e.reason()).contains("ringDiscovery");
                });
    }

    private static CassandraNode nodeAt(CassandraCluster cluster, String address) {
        return cluster.nodes().stream().filter(node -> node.address().equals(address)).findFirst().orElseThrow();
    }

    /** Distinct random keys of 1 to 40 bytes, high bytes included. */
    private static List<byte[]> randomKeys() {
        Random random = new Random(42);
        Map<String, byte[]> keys = new LinkedHashMap<>();
        while (keys.size() < KEYS) {
            byte[] key = new byte[1 + random.nextInt(40)];
            random.nextBytes(key);
            keys.putIfAbsent(HexFormat.of().formatHex(key), key);
        }
        return List.copyOf(keys.values());
    }
}
