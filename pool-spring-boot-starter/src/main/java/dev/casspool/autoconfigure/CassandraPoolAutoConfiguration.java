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
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a {@link ConnectionPool} from {@code cassandra.pool.*} ({@link CassandraPoolProperties}), with every
 * {@link PoolListener} bean added and every {@link ConnectionPoolCustomizer} bean applied. Backs off when the
 * application defines its own pool or sets {@code cassandra.pool.enabled=false}.
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

    /**
     * The pool. Closing it at shutdown is safe for work still in flight: {@link ConnectionPool#close()} closes idle
     * connections at once and each checked-out one only when it is returned, and Boot has stopped the web server
     * (gracefully, if so configured) before singletons are destroyed.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ConnectionPool cassandraConnectionPool(CassandraPoolProperties properties, ObjectProvider<PoolListener> listeners,
                                           ObjectProvider<ConnectionPoolCustomizer> customizers) {
        return ConnectionPoolFactory.create(properties, listeners.orderedStream(), customizers.orderedStream());
    }
}
