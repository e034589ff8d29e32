package dev.casspool.sample;

import dev.casspool.autoconfigure.CassandraPoolProperties;
import dev.casspool.autoconfigure.ConnectionPoolCustomizer;
import dev.casspool.embedded.CassandraNode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a Cassandra node on 127.0.0.1 (a free port, a temporary directory) when {@code cassandra.pool.server-list} is
 * not set, creates the keyspace and column family, and points the pool at it: the application then runs on a machine
 * with nothing installed. With a server list, none of this happens.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoServerListCondition.class)
class EmbeddedCassandraConfiguration {

    /** The node; closing it at shutdown, or after a failed start, kills it and deletes its directory. */
    @Bean(destroyMethod = "close")
    CassandraNode embeddedCassandra(CassandraPoolProperties properties) {
        CassandraNode node = CassandraNode.builder().clusterName("casspool-sample").build();
        try {
            node.start();
            node.schema().createKeyspace(properties.keyspace(), 1, ColumnsService.COLUMN_FAMILY);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    /** Runs before the pool is built, so the pool's first connections already go to the node. */
    @Bean
    ConnectionPoolCustomizer embeddedCassandraServerList(CassandraNode embeddedCassandra) {
        return builder -> builder.serverList(embeddedCassandra.thriftAddress());
    }
}
