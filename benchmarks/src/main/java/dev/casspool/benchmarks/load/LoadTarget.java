package dev.casspool.benchmarks.load;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.ThriftConnection;
import dev.casspool.embedded.ThriftSchema;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.cassandra.thrift.KsDef;
import org.apache.cassandra.thrift.NotFoundException;
import org.apache.thrift.TException;

/**
 * The Cassandra node under load, with the benchmark's keyspace: one that this tool starts (and closes), or one
 * already running at a loopback address. Load is never sent off this machine.
 */
final class LoadTarget implements AutoCloseable {

    private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(60);

    private final CassandraNode node;
    private final String host;
    private final int port;
    private final String keyspace;

    private LoadTarget(CassandraNode node, String host, int port, String keyspace) {
        this.node = node;
        this.host = host;
        this.port = port;
        this.keyspace = keyspace;
    }

    /** Starts an embedded node and creates {@code keyspace} with the workload's column family on it. */
    static LoadTarget startNode(String keyspace) {
        CassandraNode node = CassandraNode.builder().build().start();
        try {
            node.schema().createKeyspace(keyspace, 1, Workload.COLUMN_FAMILY);
            return new LoadTarget(node, node.address(), node.thriftPort(), keyspace);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /**
     * Uses the node at {@code address} ({@code host:port}, loopback only), creating {@code keyspace} there if it does
     * not exist yet.
     *
     * @throws IllegalArgumentException when the address is malformed or not a loopback address
     */
    static LoadTarget existing(String address, String keyspace) throws TException {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--address must be host:port, was " + address);
        }
        String host = address.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(address.substring(colon + 1));
        requireLoopback(host);
        try (ThriftConnection connection = ThriftConnection.open(host, port, SCHEMA_TIMEOUT)) {
            try {
                connection.client().describe_keyspace(keyspace);
            } catch (NotFoundException missing) {
                connection.client().system_add_keyspace(new KsDef(keyspace, "SimpleStrategy",
                        List.of(ThriftSchema.standardColumnFamily(keyspace, Workload.COLUMN_FAMILY)))
                        .setStrategy_options(Map.of("replication_factor", "1")));
            }
        }
        return new LoadTarget(null, host, port, keyspace);
    }

    static void requireLoopback(String host) {
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw new IllegalArgumentException("--address must be a loopback address (127.0.0.0/8 or ::1): this"
                        + " tool does not send load to other machines; was " + host);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--address host " + host + " is unknown", e);
        }
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** {@code host:port}, as casspool's server list takes it. */
    String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    String keyspace() {
        return keyspace;
    }

    /** Whether this tool started the node. */
    boolean embedded() {
        return node != null;
    }

    /** Stops and deletes the node if this tool started it; idempotent, also safe from a shutdown hook. */
    @Override
    public void close() {
        if (node != null) {
            node.close();
        }
    }
}
