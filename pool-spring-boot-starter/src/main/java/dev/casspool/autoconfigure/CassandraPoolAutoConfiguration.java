package dev.casspool.autoconfigure;

import dev.casspool.ConnectionPool;
import dev.casspool.PoolListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configures {@link ConnectionPool}s from {@code cassandra.pool.*} ({@link CassandraPoolProperties}): one bean
 * named {@value #SINGLE_POOL} from the top-level keys, or, when {@code cassandra.pool.pools} names pools, one bean per
 * name, with the top-level keys as their defaults. Servers and credentials come from the
 * {@link CassandraPoolConnectionDetails} bean, by default the properties; TLS from the SSL bundle that
 * {@code cassandra.pool.ssl.bundle} names. Every {@link PoolListener} bean is added to every pool and every
 * {@link ConnectionPoolCustomizer} bean applied to it, except those with a {@code @Qualifier} naming one pool, which
 * apply to that pool only. The single pool backs off when the application defines its own; everything backs off with
 * {@code cassandra.pool.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(ConnectionPool.class)
@ConditionalOnBooleanProperty(name = "cassandra.pool.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CassandraPoolProperties.class)
public final class CassandraPoolAutoConfiguration {

    /** The bean name of the pool built from the top-level keys. */
    public static final String SINGLE_POOL = "cassandraConnectionPool";

    CassandraPoolAutoConfiguration() {
    }

    /** Lets {@code timeout: 0.5} bind; static, because the binder needs it before this class is instantiated. */
    @Bean
    @ConfigurationPropertiesBinding
    static DecimalSecondsConverter cassandraPoolDecimalSecondsConverter() {
        return new DecimalSecondsConverter();
    }

    /** Makes the top-level keys the named pools' defaults before {@link CassandraPoolProperties} is bound. */
    @Bean
    static BeanFactoryPostProcessor cassandraPoolNamedPoolDefaults(ConfigurableEnvironment environment) {
        return beanFactory -> NamedPoolDefaults.addTo(environment);
    }

    /** The default connection details: the servers, credentials and TLS settings of {@code cassandra.pool.*}. */
    @Bean
    @ConditionalOnMissingBean(CassandraPoolConnectionDetails.class)
    PropertiesCassandraPoolConnectionDetails cassandraPoolConnectionDetails(CassandraPoolProperties properties,
                                                                            ObjectProvider<SslBundles> sslBundles) {
        return new PropertiesCassandraPoolConnectionDetails("cassandra.pool.", properties, sslBundles.getIfAvailable());
    }

    /** The single pool of the top-level keys, when no named pools are configured. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(NamedPools.NotConfigured.class)
    static class SinglePoolConfiguration {

        /**
         * The pool. Closing it at shutdown is safe for work still in flight: {@link ConnectionPool#close()} closes idle
         * connections at once and each checked-out one only when it is returned, and Boot has stopped the web server
         * (gracefully, if so configured) before singletons are destroyed.
         */
        @Bean(name = SINGLE_POOL, destroyMethod = "close")
        @ConditionalOnMissingBean
        ConnectionPool cassandraConnectionPool(CassandraPoolProperties properties,
                                               CassandraPoolConnectionDetails connectionDetails,
                                               ConfigurableListableBeanFactory beanFactory) {
            PoolScopedBeans beans = new PoolScopedBeans(beanFactory);
            return ConnectionPoolFactory.create(
                    new ConnectionPoolFactory.Declaration("cassandra.pool.", null, properties, connectionDetails),
                    beans.listeners(SINGLE_POOL), beans.customizers(SINGLE_POOL));
        }
    }

    /** One pool per entry of {@code cassandra.pool.pools}. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(NamedPools.Configured.class)
    @Import(NamedConnectionPoolsRegistrar.class)
    static class NamedPoolsConfiguration {
    }
}
