package dev.casspool.autoconfigure;

import dev.casspool.ConnectionPool;
import dev.casspool.PoolListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a {@link ConnectionPool} from {@code cassandra.pool.*} ({@link CassandraPoolProperties}), with every
 * {@link PoolListener} bean added and every {@link ConnectionPoolCustomizer} bean applied. Servers and credentials
 * come from the {@link CassandraPoolConnectionDetails} bean, by default the properties; TLS from the SSL bundle that
 * {@code cassandra.pool.ssl.bundle} names. Backs off when the application defines its own pool or sets
 * {@code cassandra.pool.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(ConnectionPool.class)
@ConditionalOnBooleanProperty(name = "cassandra.pool.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CassandraPoolProperties.class)
public final class CassandraPoolAutoConfiguration {

    CassandraPoolAutoConfiguration() {
    }

    /** Lets {@code timeout: 0.5} bind; static, because the binder needs it before this class is instantiated. */
    @Bean
    @ConfigurationPropertiesBinding
    static DecimalSecondsConverter cassandraPoolDecimalSecondsConverter() {
        return new DecimalSecondsConverter();
    }

    /** The default connection details: the servers, credentials and TLS settings of {@code cassandra.pool.*}. */
    @Bean
    @ConditionalOnMissingBean(CassandraPoolConnectionDetails.class)
    PropertiesCassandraPoolConnectionDetails cassandraPoolConnectionDetails(CassandraPoolProperties properties,
                                                                            ObjectProvider<SslBundles> sslBundles) {
        return new PropertiesCassandraPoolConnectionDetails("cassandra.pool.", properties, sslBundles.getIfAvailable());
    }

    /**
     * The pool. Closing it at shutdown is safe for work still in flight: {@link ConnectionPool#close()} closes idle
     * connections at once and each checked-out one only when it is returned, and Boot has stopped the web server
     * (gracefully, if so configured) before singletons are destroyed.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ConnectionPool cassandraConnectionPool(CassandraPoolProperties properties,
                                           CassandraPoolConnectionDetails connectionDetails,
                                           ObjectProvider<PoolListener> listeners,
                                           ObjectProvider<ConnectionPoolCustomizer> customizers) {
        return ConnectionPoolFactory.create(
                new ConnectionPoolFactory.Declaration("cassandra.pool.", properties, connectionDetails),
                listeners.orderedStream(), customizers.orderedStream());
    }
}
