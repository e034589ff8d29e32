package dev.casspool.autoconfigure.observation;

import dev.casspool.ConnectionPool;
import dev.casspool.autoconfigure.ConnectionPoolCustomizer;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Makes every Thrift call of the starter's pools a Micrometer observation ({@code cassandra.pool.operation}) in the
 * application's {@link ObservationRegistry}, when it has one: with Micrometer Tracing a client span per call, and with
 * Boot's metrics a timer per Thrift method, whose percentiles and histograms {@code management.metrics.distribution.*}
 * configure. {@code management.observations.enable.cassandra.pool=false} turns the observations off. Ordered after
 * Boot's observation auto-configuration by name: Boot 4's in {@code spring-boot-micrometer-observation}, Boot 3.5's in
 * {@code spring-boot-actuator-autoconfigure}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration"})
@ConditionalOnClass({ConnectionPool.class, ObservationRegistry.class})
@ConditionalOnBean(ObservationRegistry.class)
public final class CassandraPoolObservationAutoConfiguration {

    CassandraPoolObservationAutoConfiguration() {
    }

    /**
     * Gives every pool the registry. Ordered first among the customizers, so that one of the application's may set
     * another.
     */
    @Bean
    @Order(0)
    ConnectionPoolCustomizer cassandraPoolObservationCustomizer(ObservationRegistry observationRegistry) {
        return builder -> builder.observationRegistry(observationRegistry);
    }
}
