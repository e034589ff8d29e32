package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.CassandraCluster;
import dev.casspool.embedded.EmbeddedCassandra;
import dev.casspool.micrometer.ConnectionPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.cassandra.thrift.ColumnPath;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.cassandra.thrift.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ring's meters on a real 3-node ring: a pool seeded with one node, bound after it found the other two, has the
 * meters of all three, counts the two it added, and counts key-routed calls by where they ran.
 */
@EmbeddedCassandra(nodes = 3)
class RingMetricsTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("RingMetrics", "Standard1").withReplicationFactor(1);

    @Test
    void theRingsServersAndRoutedCallsAreMetered(CassandraCluster cluster) throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (ConnectionPool pool = TestPools.builder(List.of(cluster.node(0).thriftAddress()), KEYSPACE.name())
                .ringDiscovery(true).tokenAware(true).poolSize(6).loggingName("ring").build()) {
            new ConnectionPoolMetrics(pool).bindTo(registry);

            assertThat(registry.get("cassandra.pool.servers").tags("pool", "ring", "state", "up").gauge().value())
                    .isEqualTo(3);
            assertThat(registry.get("cassandra.pool.servers.added").tag("pool", "ring").functionCounter().count())
                    .isEqualTo(2);
            assertThat(registry.get("cassandra.pool.servers.removed").tag("pool", "ring").functionCounter().count())
                    .isZero();
            for (String server : cluster.thriftAddresses()) {
                assertThat(registry.get("cassandra.pool.connections.created").tags("pool", "ring", "server", server)
                        .functionCounter().count()).as(server).isEqualTo(2);
            }

            ByteBuffer key = Utf8.bytes("metered");
            for (int i = 0; i < 5; i++) {
                try {
                    pool.execute(key, client -> client.get(key, new ColumnPath("Standard1")
                            .setColumn(Utf8.bytes("c")), ConsistencyLevel.ONE));
                } catch (NotFoundException expected) {
                    // the call ran all the same
                }
            }
            assertThat(registry.get("cassandra.pool.operations.routed").tags("pool", "ring", "replica", "true")
                    .functionCounter().count()).isEqualTo(5);
            assertThat(registry.get("cassandra.pool.operations.routed").tags("pool", "ring", "replica", "false")
                    .functionCounter().count()).isZero();
        }
    }
}
