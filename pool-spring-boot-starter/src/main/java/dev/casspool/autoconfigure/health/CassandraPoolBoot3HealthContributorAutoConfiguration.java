package dev.casspool.autoconfigure.health;

import dev.casspool.ConnectionPool;
import dev.casspool.autoconfigure.CassandraPoolAutoConfiguration;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.health.CompositeHealthContributorConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot 3.5's counterpart of {@link CassandraPoolHealthContributorAutoConfiguration}: the same contributor, built
 * on Boot 3's health types ({@code org.springframework.boot.actuate.health}), which Boot 4 moved to
 * {@code spring-boot-health}. Only one of the two matches an application, by the classes of its Boot generation.
 */
@AutoConfiguration(after = CassandraPoolAutoConfiguration.class)
@ConditionalOnClass({ConnectionPool.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(ConnectionPool.class)
@ConditionalOnEnabledHealthIndicator("cassandrapool")
public final class CassandraPoolBoot3HealthContributorAutoConfiguration
        extends CompositeHealthContributorConfiguration<ConnectionPoolBoot3HealthIndicator, ConnectionPool> {

    CassandraPoolBoot3HealthContributorAutoConfiguration() {
        super(ConnectionPoolBoot3HealthIndicator::new);
    }

    @Bean
    @ConditionalOnMissingBean(name = {"cassandraPoolHealthIndicator", "cassandraPoolHealthContributor"})
    HealthContributor cassandraPoolHealthContributor(ConfigurableListableBeanFactory beanFactory) {
        return createContributor(beanFactory, ConnectionPool.class);
    }
}
