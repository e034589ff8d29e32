package dev.casspool.autoconfigure.metrics;

import dev.casspool.ConnectionPool;
import dev.casspool.autoconfigure.CassandraPoolAutoConfiguration;
import dev.casspool.micrometer.ConnectionPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Binds every {@link ConnectionPool} bean to Micrometer with pool-core's {@link ConnectionPoolMetrics}, tagged
 * {@code pool} with the bean name, when the application has a {@link MeterRegistry}. Ordered after Boot's metrics
 * auto-configuration by name, so that this starter needs no dependency on it: Boot 4's classes in
 * {@code spring-boot-micrometer-metrics} and Boot 3.5's in {@code spring-boot-actuator-autoconfigure} (names of classes
 * that are absent are ignored). Binding a {@link MeterBinder} bean works the same in both.
 */
@AutoConfiguration(after = CassandraPoolAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({ConnectionPool.class, MeterRegistry.class, MeterBinder.class})
@ConditionalOnBean({ConnectionPool.class, MeterRegistry.class})
public final class CassandraPoolMetricsAutoConfiguration {

    CassandraPoolMetricsAutoConfiguration() {
    }

    @Bean
    ConnectionPoolsMeterBinder cassandraPoolMeterBinder(ListableBeanFactory beanFactory) {
        return new ConnectionPoolsMeterBinder(beanFactory);
    }

    /**
     * Binds the auto-configured pools and any the application defines itself, each under its bean name. Its meters go
     * when the pool closes, with the application context.
     */
    static final class ConnectionPoolsMeterBinder implements MeterBinder {

        private final ListableBeanFactory beanFactory;

        ConnectionPoolsMeterBinder(ListableBeanFactory beanFactory) {
            this.beanFactory = beanFactory;
        }

        @Override
        public void bindTo(MeterRegistry registry) {
            Map<String, ConnectionPool> pools = beanFactory.getBeansOfType(ConnectionPool.class);
            pools.forEach((name, pool) -> new ConnectionPoolMetrics(pool, Tags.of("pool", name)).bindTo(registry));
        }
    }
}
