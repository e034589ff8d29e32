package dev.casspool;

import dev.casspool.embedded.CassandraCluster;
import dev.casspool.embedded.CassandraNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Pools for tests, with timeouts generous enough for a loaded 2-core machine unless a test is about timeouts. */
final class TestPools {

    /** Socket timeout for tests that are not about timeouts. */
    static final Duration GENEROUS_TIMEOUT = Duration.ofSeconds(10);

    private static final AtomicInteger KEYSPACES = new AtomicInteger();

    private TestPools() {
    }

    static ConnectionPool.Builder builder(CassandraNode node, String keyspace) {
        return ConnectionPool.builder()
                .keyspace(keyspace)
                .serverList(node.thriftAddress())
                .timeout(GENEROUS_TIMEOUT)
                .poolTimeout(GENEROUS_TIMEOUT);
    }

    static ConnectionPool.Builder builder(CassandraCluster cluster, String keyspace) {
        return ConnectionPool.builder()
                .keyspace(keyspace)
                .serverList(cluster.thriftAddresses())
                .timeout(GENEROUS_TIMEOUT)
                .poolTimeout(GENEROUS_TIMEOUT);
    }

    /** A keyspace name no other test class uses (nodes are shared by the whole run). */
    static String uniqueKeyspace(String prefix) {
        return prefix + KEYSPACES.incrementAndGet();
    }
}
