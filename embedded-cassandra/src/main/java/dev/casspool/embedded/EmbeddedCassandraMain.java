package dev.casspool.embedded;

import dev.casspool.embedded.internal.DevNodeOptions;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The development node: starts one Cassandra 3.11 node with Thrift on 127.0.0.1:9160 (or the port asked for),
 * optionally with password authentication and a keyspace with column families, prints how to connect, and runs until
 * this JVM stops (Ctrl-C), when the node is killed and its temporary directory deleted. {@code --help} lists the
 * options.
 *
 * <pre>
 * mvn -q -pl embedded-cassandra exec:java -Dexec.args="--keyspace Keyspace1 --column-family Standard1"
 * </pre>
 *
 * <p>Exit status: 2 for a bad argument, 1 when the node does not start (its directory is deleted all the same).
 */
public final class EmbeddedCassandraMain {

    private EmbeddedCassandraMain() {
    }

    /**
     * Runs the node until this JVM is stopped.
     *
     * @param args the options; see {@link DevNodeOptions#USAGE}
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        DevNodeOptions options;
        int port;
        try {
            options = DevNodeOptions.parse(args);
            port = options.help() ? 0 : options.choosePort(DevNodeOptions.DEFAULT_PORT);
        } catch (IllegalArgumentException e) {
            System.err.println("casspool dev node: " + e.getMessage() + " (see --help)");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(DevNodeOptions.USAGE);
            return;
        }
        CassandraNode node;
        try {
            node = start(options, port);
        } catch (RuntimeException e) {
            System.err.println("casspool dev node: " + e.getMessage());
            System.exit(1);
            return;
        }
        printConnectionDetails(System.out, options, node, port);
        // The node dies with this JVM: a shutdown hook kills it and deletes its directory (see CassandraNode).
        new CountDownLatch(1).await();
    }

    /** Starts the node and creates the schema; on any failure the node is closed, which deletes its directory. */
    private static CassandraNode start(DevNodeOptions options, int port) {
        CassandraNode.Builder builder = CassandraNode.builder()
                .clusterName("casspool-dev")
                .address(options.address())
                .thriftPort(port)
                .heapMegabytes(options.heapMegabytes())
                .authenticator(options.authenticator());
        options.yaml().forEach(builder::yaml);
        CassandraNode node = builder.build();
        try {
            node.start();
            if (options.keyspace() != null) {
                node.schema().createKeyspace(options.keyspace(), 1, options.columnFamilies().toArray(String[]::new));
            }
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private static void printConnectionDetails(PrintStream out, DevNodeOptions options, CassandraNode node,
                                               int port) {
        if (options.port() == null && port != DevNodeOptions.DEFAULT_PORT) {
            out.println("Port " + DevNodeOptions.DEFAULT_PORT + " is taken on " + options.address()
                    + "; Thrift listens on " + port + " instead.");
        }
        out.println("Cassandra is ready: Thrift on " + node.thriftAddress() + " (log: " + node.logFile() + ")");
        StringBuilder settings = new StringBuilder("  cassandra.pool.server-list=" + node.thriftAddress());
        if (options.keyspace() != null) {
            out.println("  keyspace " + options.keyspace() + (options.columnFamilies().isEmpty() ? ""
                    : " with column families " + String.join(", ", options.columnFamilies())));
            settings.append(" cassandra.pool.keyspace=").append(options.keyspace());
        }
        if (options.authenticator() == Authenticator.PASSWORD) {
            out.println("  login " + Authenticator.SUPERUSER + " / " + Authenticator.SUPERUSER_PASSWORD);
            settings.append(" cassandra.pool.username=").append(Authenticator.SUPERUSER)
                    .append(" cassandra.pool.password=").append(Authenticator.SUPERUSER_PASSWORD);
        }
        out.println(settings);
        out.println("Press Ctrl-C to stop; the node and its data are removed.");
    }
}
