package dev.casspool.autoconfigure.metrics;

import dev.casspool.ConnectionPool;
import dev.casspool.autoconfigure.CassandraPoolAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Binds every {@link ConnectionPool} bean to Micrometer ({@link ConnectionPoolMetrics}) when the application has a
 * {@link MeterRegistry}. Ordered after Boot's metrics auto-configuration by name, so that this starter needs no
 * dependency on it: Boot 4's classes in {@code spring-boot-micrometer-metrics} and Boot 3.5's in
 * {@code spring-boot-actuator-autoconfigure} (names of classes that are absent are ignored). Binding a
 * {@link MeterBinder} bean works the same in both.
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
    ConnectionPoolsMeterBinder cassandraPoolMeterBinder(ObjectProvider<ConnectionPool> pools) {
        return new ConnectionPoolsMeterBinder(pools);
    }

    /** Binds the auto-configured pool and any the application defines itself. */
    static final class ConnectionPoolsMeterBinder implements MeterBinder {

        private final ObjectProvider<ConnectionPool> pools;

        ConnectionPoolsMeterBinder(ObjectProvider<ConnectionPool> pools) {
            this.pools = pools;
        }

        @Override
        public void bindTo(MeterRegistry registry) {
            pools.orderedStream().forEach(pool -> new ConnectionPoolMetrics(pool).bindTo(registry));
        }
    }
}
