package dev.casspool.benchmarks.load;

import dev.casspool.embedded.CassandraCluster;
import dev.casspool.embedded.CassandraNode;
import java.util.Arrays;
import java.util.List;
import org.apache.thrift.TException;

/**
 * The ring of the token-aware comparison, with the benchmark's keyspace at replication factor 1 (every row on one
 * node, so that a request sent elsewhere costs the coordinator a hop): one that this tool starts (and closes), or one
 * already running at loopback addresses.
 */
final class RingTarget implements AutoCloseable {

    private final CassandraCluster cluster;
    private final List<String> addresses;
    private final String keyspace;

    private RingTarget(CassandraCluster cluster, List<String> addresses, String keyspace) {
        this.cluster = cluster;
        this.addresses = addresses;
        this.keyspace = keyspace;
    }

    /** Starts a ring of {@code nodes} embedded nodes and creates {@code keyspace} on it. */
    static RingTarget start(int nodes, String keyspace) {
        CassandraCluster cluster = CassandraCluster.builder().size(nodes).clusterName("casspool-bench-ring").build()
                .start();
        try {
            cluster.schema().createKeyspace(keyspace, 1, Workload.COLUMN_FAMILY);
            return new RingTarget(cluster, cluster.thriftAddresses(), keyspace);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Uses the ring whose nodes are at {@code addresses} ({@code host:port,host:port,...}, loopback only), creating
     * {@code keyspace} there if it does not exist yet.
     */
    static RingTarget existing(String addresses, String keyspace) throws TException {
        List<String> list = Arrays.stream(addresses.split(",")).map(String::trim).toList();
        for (String address : list) {
            LoadTarget.existing(address, keyspace);
        }
        return new RingTarget(null, list, keyspace);
    }

    /** The nodes' Thrift addresses. */
    List<String> addresses() {
        return addresses;
    }

    String keyspace() {
        return keyspace;
    }

    /** The CPU time of the ring's nodes: those this tool started, or every Cassandra node on this machine. */
    ClusterCpu cpu() {
        return cluster == null ? ClusterCpu.ofEveryLocalNode()
                : new ClusterCpu(cluster.nodes().stream().map(CassandraNode::pid).toList());
    }

    /** Whether this tool started the ring. */
    boolean embedded() {
        return cluster != null;
    }

    /** Stops and deletes the ring if this tool started it; idempotent, also safe from a shutdown hook. */
    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
