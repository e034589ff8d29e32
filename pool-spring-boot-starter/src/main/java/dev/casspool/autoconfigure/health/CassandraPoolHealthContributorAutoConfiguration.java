package dev.casspool.autoconfigure.health;

import dev.casspool.ConnectionPool;
import dev.casspool.autoconfigure.CassandraPoolAutoConfiguration;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Reports every {@link ConnectionPool} bean to Actuator's health endpoint as {@code cassandraPool} (one pool) or as
 * its parts named by bean name (several). Switched off with {@code management.health.cassandrapool.enabled=false}.
 * This is the Spring Boot 4 configuration, on {@code spring-boot-health}; Boot 3.5 applications get
 * {@link CassandraPoolBoot3HealthContributorAutoConfiguration} instead.
 */
@AutoConfiguration(after = CassandraPoolAutoConfiguration.class)
@ConditionalOnClass({ConnectionPool.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(ConnectionPool.class)
@ConditionalOnEnabledHealthIndicator("cassandrapool")
public final class CassandraPoolHealthContributorAutoConfiguration
        extends CompositeHealthContributorConfiguration<ConnectionPoolHealthIndicator, ConnectionPool> {

    CassandraPoolHealthContributorAutoConfiguration() {
        super(ConnectionPoolHealthIndicator::new);
    }

    @Bean
    @ConditionalOnMissingBean(name = {"cassandraPoolHealthIndicator", "cassandraPoolHealthContributor"})
    HealthContributor cassandraPoolHealthContributor(ConfigurableListableBeanFactory beanFactory) {
        return createContributor(beanFactory, ConnectionPool.class);
    }
}
