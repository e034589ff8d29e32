package dev.casspool.sample;

import dev.casspool.autoconfigure.CassandraPoolConnectionDetails;
import dev.casspool.embedded.CassandraNode;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A Cassandra node for running the application during development ({@link TestSampleApplication}): started on
 * 127.0.0.1 with a free port and a temporary directory, the application's keyspaces created, and supplied to both
 * pools as their {@link CassandraPoolConnectionDetails}, which take precedence over {@code cassandra.pool.*}. The node
 * is closed, and its directory deleted, with the application.
 */
@TestConfiguration(proxyBeanMethods = false)
class DevelopmentCassandra {

    /** The node; closing it at shutdown, or after a failed start, kills it and deletes its directory. */
    @Bean(destroyMethod = "close")
    CassandraNode developmentNode() {
        CassandraNode node = CassandraNode.builder().clusterName("casspool-sample").build();
        try {
            node.start();
            SampleSchema.create(node);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    @Bean
    CassandraPoolConnectionDetails developmentNodeConnection(CassandraNode developmentNode) {
        return () -> List.of(developmentNode.thriftAddress());
    }
}
