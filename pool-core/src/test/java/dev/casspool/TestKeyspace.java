package dev.casspool;

import dev.casspool.embedded.CassandraCluster;
import dev.casspool.embedded.EmbeddedCassandraExtension;
import dev.casspool.embedded.ThriftSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.cassandra.thrift.CfDef;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A keyspace of a test class's own on its embedded ring (nodes are shared by the whole run), created before the
 * class's tests with a replication factor of the ring's size (at most 3, unless {@link #withReplicationFactor} says
 * less). Register it with
 * {@code @RegisterExtension static final TestKeyspace KEYSPACE = new TestKeyspace("Name", "Standard1");}.
 */
final class TestKeyspace implements BeforeAllCallback {

    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private final String name;
    private final List<CfDef> columnFamilies = new ArrayList<>();
    private int replicationFactor = 3;

    TestKeyspace(String prefix, String... standardColumnFamilies) {
        this.name = prefix + NUMBERS.incrementAndGet();
        for (String columnFamily : standardColumnFamilies) {
            columnFamilies.add(ThriftSchema.standardColumnFamily(name, columnFamily));
        }
    }

    /** Replicates the keyspace {@code replicationFactor} times (at most the ring's size; 3 unless set). */
    TestKeyspace withReplicationFactor(int replicationFactor) {
        this.replicationFactor = replicationFactor;
        return this;
    }

    /** Adds a column family of counters. */
    TestKeyspace withCounters(String columnFamily) {
        columnFamilies.add(ThriftSchema.counterColumnFamily(name, columnFamily));
        return this;
    }

    String name() {
        return name;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        CassandraCluster cluster = EmbeddedCassandraExtension.cluster(context);
        cluster.schema().createKeyspace(name, Math.min(cluster.size(), replicationFactor), columnFamilies);
    }

    @Override
    public String toString() {
        return name;
    }
}
