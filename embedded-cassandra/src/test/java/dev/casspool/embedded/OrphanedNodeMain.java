package dev.casspool.embedded;

/**
 * Run in a JVM of its own by {@link NodeLifecycleTest}: starts a node, prints its process id and directory, and waits
 * to be killed.
 */
public final class OrphanedNodeMain {

    private OrphanedNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        CassandraNode node = CassandraNode.builder().heapMegabytes(256).build().start();
        System.out.println("NODE " + node.pid() + " " + node.directory());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
