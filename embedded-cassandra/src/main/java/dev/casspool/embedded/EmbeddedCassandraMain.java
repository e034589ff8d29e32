package dev.casspool.embedded;

import java.util.concurrent.CountDownLatch;

/**
 * Starts a ring of real Cassandra nodes for development and prints their Thrift addresses; the nodes stop when this
 * JVM stops (Ctrl-C).
 *
 * <p>Arguments: {@code [nodes]} (default 1) {@code [keyspace [columnFamily...]]} to create a keyspace with replication
 * factor {@code min(nodes, 3)}.
 */
public final class EmbeddedCassandraMain {

    private EmbeddedCassandraMain() {
    }

    /**
     * Runs the ring until this JVM is stopped.
     *
     * @param args {@code [nodes [keyspace [columnFamily...]]]}
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        CassandraCluster cluster = CassandraCluster.builder().size(size).clusterName("casspool-dev").build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "casspool-dev-shutdown"));
        if (args.length > 1) {
            String[] columnFamilies = java.util.Arrays.copyOfRange(args, 2, args.length);
            cluster.schema().createKeyspace(args[1], Math.min(size, 3), columnFamilies);
        }
        System.out.println("Cassandra Thrift servers: " + String.join(",", cluster.thriftAddresses()));
        System.out.println("Press Ctrl-C to stop.");
        new CountDownLatch(1).await();
    }
}
