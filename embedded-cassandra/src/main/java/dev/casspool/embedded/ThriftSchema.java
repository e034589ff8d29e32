package dev.casspool.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.cassandra.thrift.CfDef;
import org.apache.cassandra.thrift.KsDef;
import org.apache.thrift.TException;

/**
 * Changes schema through Thrift and waits until every reachable node agrees on it, so that tests can use a keyspace on
 * any node as soon as this returns.
 */
public final class ThriftSchema {

    /** The key under which {@code describe_schema_versions} lists nodes it cannot reach. */
    public static final String UNREACHABLE = "UNREACHABLE";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SIMPLE_STRATEGY = "org.apache.cassandra.locator.SimpleStrategy";
    private static final String NETWORK_TOPOLOGY_STRATEGY = "org.apache.cassandra.locator.NetworkTopologyStrategy";

    private final List<CassandraNode> nodes;

    ThriftSchema(List<CassandraNode> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** A column family with byte comparators and validators (any column name and value), as pycassa's tests use. */
    public static CfDef standardColumnFamily(String keyspace, String name) {
        return new CfDef(keyspace, name)
                .setComparator_type("BytesType")
                .setKey_validation_class("BytesType")
                .setDefault_validation_class("BytesType");
    }

    /** A column family of counter columns. */
    public static CfDef counterColumnFamily(String keyspace, String name) {
        return standardColumnFamily(keyspace, name).setDefault_validation_class("CounterColumnType");
    }

    /**
     * Creates a keyspace with {@code SimpleStrategy} and standard column families.
     *
     * @param keyspace the keyspace's name
     * @param replicationFactor how many nodes hold each row
     * @param columnFamilies names of standard column families to create in it
     */
    public void createKeyspace(String keyspace, int replicationFactor, String... columnFamilies) {
        createKeyspace(keyspace, replicationFactor, Arrays.stream(columnFamilies)
                .map(name -> standardColumnFamily(keyspace, name)).toList());
    }

    /** Creates a keyspace with {@code SimpleStrategy} and the given column families. */
    public void createKeyspace(String keyspace, int replicationFactor, List<CfDef> columnFamilies) {
        createKeyspace(keyspace, SIMPLE_STRATEGY,
                Map.of("replication_factor", Integer.toString(replicationFactor)), columnFamilies);
    }

    /**
     * Creates a keyspace with {@code NetworkTopologyStrategy} and standard column families.
     *
     * @param keyspace the keyspace's name
     * @param replicasPerDatacenter how many nodes of each datacenter hold each row, for example
     *     {@code Map.of("dc1", 2, "dc2", 1)}; a datacenter left out holds none
     * @param columnFamilies names of standard column families to create in it
     */
    public void createKeyspace(String keyspace, Map<String, Integer> replicasPerDatacenter, String... columnFamilies) {
        createKeyspace(keyspace, replicasPerDatacenter, Arrays.stream(columnFamilies)
                .map(name -> standardColumnFamily(keyspace, name)).toList());
    }

    /** Creates a keyspace with {@code NetworkTopologyStrategy} and the given column families. */
    public void createKeyspace(String keyspace, Map<String, Integer> replicasPerDatacenter,
                               List<CfDef> columnFamilies) {
        if (replicasPerDatacenter.isEmpty()) {
            throw new IllegalArgumentException("replicasPerDatacenter of keyspace " + keyspace
                    + " names no datacenter");
        }
        Map<String, String> options = new TreeMap<>();
        replicasPerDatacenter.forEach((datacenter, replicas) -> options.put(datacenter, Integer.toString(replicas)));
        createKeyspace(keyspace, NETWORK_TOPOLOGY_STRATEGY, options, columnFamilies);
    }

    private void createKeyspace(String keyspace, String strategy, Map<String, String> options,
                                List<CfDef> columnFamilies) {
        KsDef definition = new KsDef(keyspace, strategy, new ArrayList<>(columnFamilies)).setStrategy_options(options);
        change("create keyspace " + keyspace, connection -> connection.client().system_add_keyspace(definition));
    }

    /** Creates a column family in an existing keyspace. */
    public void createColumnFamily(CfDef columnFamily) {
        change("create column family " + columnFamily.getName(), connection -> connection
                .useKeyspace(columnFamily.getKeyspace()).client().system_add_column_family(columnFamily));
    }

    /** Drops a keyspace if it exists. */
    public void dropKeyspace(String keyspace) {
        change("drop keyspace " + keyspace, connection -> {
            boolean exists = connection.client().describe_keyspaces().stream()
                    .anyMatch(ks -> ks.getName().equals(keyspace));
            if (exists) {
                connection.client().system_drop_keyspace(keyspace);
            }
        });
    }

    /** Waits until all reachable nodes report the same schema version. */
    public void awaitAgreement() {
        awaitView("schema agreement", versions -> versions.keySet().stream()
                .filter(version -> !version.equals(UNREACHABLE)).count() <= 1);
    }

    private interface SchemaChange {
        void apply(ThriftConnection connection) throws TException;
    }

    private void change(String description, SchemaChange change) {
        CassandraNode coordinator = nodes.stream().filter(n -> n.isRunning() && !n.isPaused()).findFirst()
                .orElseThrow(() -> new IllegalStateException("No running node to " + description + " on"));
        try (ThriftConnection connection = coordinator.openConnection(TIMEOUT)) {
            change.apply(connection);
        } catch (TException e) {
            throw new IllegalStateException("Cannot " + description + " on " + coordinator + ": " + e, e);
        }
        awaitAgreement();
    }

    /** Polls {@code describe_schema_versions} on every running, unpaused node until {@code condition} holds on each. */
    private void awaitView(String what, Predicate<Map<String, List<String>>> condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (CassandraNode node : nodes) {
            if (!node.isRunning() || node.isPaused()) {
                continue;
            }
            Map<String, List<String>> last = null;
            while (last == null || !condition.test(last)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("No " + what + " on " + node + " within " + TIMEOUT
                            + "; it reports " + last);
                }
                last = schemaVersions(node);
                if (!condition.test(last)) {
                    pause();
                }
            }
        }
    }

    private static Map<String, List<String>> schemaVersions(CassandraNode node) {
        try (ThriftConnection connection = node.openConnection(TIMEOUT)) {
            return connection.client().describe_schema_versions();
        } catch (TException e) {
            return Map.of("(" + e + ")", List.of());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the ring", e);
        }
    }
}
