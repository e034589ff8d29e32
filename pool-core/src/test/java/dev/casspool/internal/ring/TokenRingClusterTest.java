package dev.casspool.internal.ring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.CassandraCluster;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import dev.casspool.embedded.JmxConnection;
import dev.casspool.embedded.ThriftConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.cassandra.thrift.Cassandra;
import org.apache.cassandra.thrift.Column;
import org.apache.cassandra.thrift.ColumnParent;
import org.apache.cassandra.thrift.Compression;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.cassandra.thrift.CqlResult;
import org.apache.thrift.TException;
import org.junit.jupiter.api.Test;

/**
 * The token ring against the server's own placement on a three-node ring: for random keys of 1 to 40 bytes (high bytes
 * included), the token equals CQL's {@code token(key)} of the stored row, the replicas equal
 * {@code StorageService.getNaturalEndpoints} in order, and at replication factor 1 the row's SSTables are on that node
 * and on no other.
 */
@EmbeddedCassandra(nodes = 3)
class TokenRingClusterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String COLUMN_FAMILY = "Standard1";
    private static final int KEYS = 300;
    private static final long SEED = 11L;

    @Test
    void routesEveryKeyToTheNodeThatStoresIt(CassandraCluster cluster) throws Exception {
        String keyspace = "TokenRingOwner";
        cluster.schema().createKeyspace(keyspace, 1, COLUMN_FAMILY);
        List<ByteBuffer> keys = randomKeys();
        TokenRing<String> ring;
        try (ThriftConnection connection = cluster.node(0).openConnection(TIMEOUT).useKeyspace(keyspace)) {
            Cassandra.Client client = connection.client();
            for (ByteBuffer key : keys) {
                client.insert(key, new ColumnParent(COLUMN_FAMILY), new Column(utf8("col")).setValue(utf8("v"))
                        .setTimestamp(1), ConsistencyLevel.ONE);
            }
            Partitioner partitioner = Partitioner.forClassName(client.describe_partitioner()).orElseThrow();
            ring = TokenRing.of(partitioner, client.describe_ring(keyspace), RingEndpoint::rpcAddress);
            for (ByteBuffer key : keys) {
                assertThat(partitioner.tokenText(key)).as("token of %s", hex(key))
                        .isEqualTo(serverToken(client, keyspace, key));
            }
        }
        assertThat(ring.rangeCount()).isEqualTo(3 * 16);

        List<JmxConnection> jmx = new ArrayList<>();
        try {
            for (CassandraNode node : cluster.nodes()) {
                jmx.add(node.openJmx());
                jmx.get(jmx.size() - 1).flush(keyspace);
            }
            for (ByteBuffer key : keys) {
                List<String> replicas = ring.replicas(key);
                assertThat(replicas).as("replicas of %s", hex(key))
                        .isEqualTo(jmx.get(0).naturalEndpoints(keyspace, COLUMN_FAMILY, hex(key)));
                for (int i = 0; i < cluster.size(); i++) {
                    boolean stored = !jmx.get(i).sstablesHolding(keyspace, COLUMN_FAMILY, hex(key)).isEmpty();
                    assertThat(stored).as("%s stores %s", cluster.node(i), hex(key))
                            .isEqualTo(replicas.contains(cluster.node(i).address()));
                }
            }
        } finally {
            jmx.forEach(JmxConnection::close);
        }
        assertThat(keys.stream().map(key -> ring.replicas(key).get(0)).distinct())
                .as("the keys spread over every node").hasSize(3);
    }

    @Test
    void listsReplicasInTheServersPlacementOrder(CassandraCluster cluster) throws Exception {
        String keyspace = "TokenRingOrder";
        cluster.schema().createKeyspace(keyspace, 2, COLUMN_FAMILY);
        TokenRing<String> ring;
        try (ThriftConnection connection = cluster.node(1).openConnection(TIMEOUT)) {
            ring = TokenRing.of(Murmur3Partitioner.INSTANCE, connection.client().describe_ring(keyspace),
                    RingEndpoint::rpcAddress);
        }
        assertThat(ring.endpoints()).extracting(RingEndpoint::rpcAddress)
                .containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2", "127.0.0.3");
        try (JmxConnection jmx = cluster.node(2).openJmx()) {
            for (ByteBuffer key : randomKeys()) {
                assertThat(ring.replicas(key)).as("replicas of %s", hex(key)).hasSize(2)
                        .isEqualTo(jmx.naturalEndpoints(keyspace, COLUMN_FAMILY, hex(key)));
            }
        }
    }

    /** The server's token of a stored row, from CQL's {@code token()}: a bigint for Murmur3Partitioner. */
    private static String serverToken(Cassandra.Client client, String keyspace, ByteBuffer key) throws TException {
        String query = "SELECT token(key) FROM \"" + keyspace + "\".\"" + COLUMN_FAMILY + "\" WHERE key = 0x" + hex(key);
        CqlResult result = client.execute_cql3_query(utf8(query), Compression.NONE, ConsistencyLevel.ONE);
        assertThat(result.getRows()).as("rows of %s", query).hasSize(1);
        return Long.toString(result.getRows().get(0).getColumns().get(0).bufferForValue().getLong());
    }

    private static List<ByteBuffer> randomKeys() {
        Random random = new Random(SEED);
        List<ByteBuffer> keys = new ArrayList<>(KEYS);
        for (int i = 0; i < KEYS; i++) {
            byte[] key = new byte[1 + random.nextInt(40)];
            random.nextBytes(key);
            keys.add(ByteBuffer.wrap(key));
        }
        return keys;
    }

    private static String hex(ByteBuffer key) {
        byte[] bytes = new byte[key.remaining()];
        key.duplicate().get(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
