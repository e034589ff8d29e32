package dev.casspool;

import dev.casspool.embedded.CassandraCluster;
import dev.casspool.embedded.CassandraNode;
import java.time.Duration;
import java.util.List;

/** Pools for tests, with timeouts generous enough for a loaded 2-core machine unless a test is about timeouts. */
final class TestPools {

    /** Socket timeout for tests that are not about timeouts. */
    static final Duration GENEROUS_TIMEOUT = Duration.ofSeconds(10);

    private TestPools() {
    }

    static ConnectionPool.Builder builder(CassandraNode node, TestKeyspace keyspace) {
        return builder(List.of(node.thriftAddress()), keyspace.name());
    }

    static ConnectionPool.Builder builder(CassandraCluster cluster, TestKeyspace keyspace) {
        return builder(cluster.thriftAddresses(), keyspace.name());
    }

    static ConnectionPool.Builder builder(List<String> servers, String keyspace) {
        return ConnectionPool.builder()
                .keyspace(keyspace)
                .serverList(servers)
                .timeout(GENEROUS_TIMEOUT)
                .poolTimeout(GENEROUS_TIMEOUT);
    }
}
