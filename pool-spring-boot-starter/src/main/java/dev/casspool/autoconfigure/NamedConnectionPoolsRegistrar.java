package dev.casspool.autoconfigure;

import dev.casspool.ConnectionPool;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link ConnectionPool} bean per entry of {@code cassandra.pool.pools}, named after the entry, so that
 * {@code @Qualifier("<name>")} injects it and health and metrics report it under that name. Each is built from its
 * entry of {@link CassandraPoolProperties#pools()} (the top-level keys filling in what it does not set), its
 * connection details (the application's {@link CassandraPoolConnectionDetails} bean if it defines one, else its own
 * properties), and the listeners and customizers that apply to it ({@link PoolScopedBeans}); it is closed with the
 * application context.
 */
final class NamedConnectionPoolsRegistrar implements ImportBeanDefinitionRegistrar {

    private final Environment environment;
    private final ConfigurableListableBeanFactory beanFactory;

    NamedConnectionPoolsRegistrar(Environment environment, BeanFactory beanFactory) {
        this.environment = environment;
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        for (String name : NamedPools.names(environment)) {
            RootBeanDefinition pool = new RootBeanDefinition(ConnectionPool.class, () -> create(name));
            pool.setDestroyMethodName("close");
            registry.registerBeanDefinition(name, pool);
        }
    }

    private ConnectionPool create(String name) {
        CassandraPoolProperties properties = beanFactory.getBean(CassandraPoolProperties.class).pools().get(name);
        CassandraPoolConnectionDetails details = beanFactory.getBean(CassandraPoolConnectionDetails.class);
        if (details instanceof PropertiesCassandraPoolConnectionDetails configured) {
            details = configured.forPool(name, properties);
        }
        PoolScopedBeans beans = new PoolScopedBeans(beanFactory);
        return ConnectionPoolFactory.create(
                new ConnectionPoolFactory.Declaration(NamedPools.prefix(name), name, properties, details),
                beans.listeners(name), beans.customizers(name));
    }
}
