package dev.casspool.autoconfigure.endpoint;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Keeps the pools' passwords ({@code cassandra.pool.password}, {@code cassandra.pool.pools.<name>.password}) out of
 * Actuator's {@code configprops} and {@code env} endpoints, whatever their {@code show-values} setting. Applies
 * whenever Actuator is present, pools or not, on Spring Boot 3.5 and 4 alike: both have {@link SanitizingFunction} in
 * {@code org.springframework.boot.actuate.endpoint} ({@code spring-boot-actuator}) and apply every bean of the type.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class CassandraPoolSanitizingAutoConfiguration {

    CassandraPoolSanitizingAutoConfiguration() {
    }

    @Bean
    SanitizingFunction cassandraPoolPasswordSanitizer() {
        return new CassandraPoolPasswordSanitizer();
    }
}
