package dev.casspool.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.ConnectionPool;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * How {@code cassandra.pool.pools.<name>.*} binds: the top-level keys as defaults, key by key, in any of their
 * relaxed forms. No Cassandra: with {@code prefill=false} the pools are built without connecting; {@code NamedPoolsTest}
 * runs them against a node.
 */
@Tag("boot-lines")
class NamedPoolsBindingTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CassandraPoolAutoConfiguration.class))
            .withPropertyValues("cassandra.pool.keyspace=Keyspace1", "cassandra.pool.prefill=false");

    @Test
    void inheritsEachKeyThatAPoolDoesNotSet() {
        runner.withPropertyValues("cassandra.pool.server_list[0]=127.0.0.1:9160",
                "cassandra.pool.server_list[1]=127.0.0.2:9160", "cassandra.pool.timeout=2",
                "cassandra.pool.username=app", "cassandra.pool.password=secret", "cassandra.pool.ssl.enabled=true",
                "cassandra.pool.ssl.verify-hostname=false", "cassandra.pool.logging-name=top",
                "cassandra.pool.pools.orders.server-list=127.0.0.3:9160", "cassandra.pool.pools.orders.ssl.enabled=false",
                "cassandra.pool.pools.users.pool_size=3", "cassandra.pool.pools.users.keyspace=Users").run(context -> {
                    Map<String, CassandraPoolProperties> pools = context.getBean(CassandraPoolProperties.class).pools();
                    CassandraPoolProperties orders = pools.get("orders");
                    CassandraPoolProperties users = pools.get("users");

                    assertThat(orders.serverList()).containsExactly("127.0.0.3:9160");
                    assertThat(users.serverList()).containsExactly("127.0.0.1:9160", "127.0.0.2:9160");
                    assertThat(orders.keyspace()).isEqualTo("Keyspace1");
                    assertThat(users.keyspace()).isEqualTo("Users");
                    assertThat(orders.poolSize()).isEqualTo(5);
                    assertThat(users.poolSize()).isEqualTo(3);
                    assertThat(users.timeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(users.username()).isEqualTo("app");
                    assertThat(users.password()).isEqualTo("secret");
                    assertThat(orders.ssl().enabled()).isFalse();
                    assertThat(orders.ssl().verifyHostname()).isFalse();
                    assertThat(users.ssl().enabled()).isTrue();
                    assertThat(orders.loggingName()).isNull();
                    assertThat(orders.pools()).isEmpty();

                    assertThat(context.getBean("orders", ConnectionPool.class).loggingName()).isEqualTo("orders");
                    assertThat(context.getBean("users", ConnectionPool.class).loggingName()).isEqualTo("users");
                });
    }

    /** An environment variable is a top-level key too. */
    @Test
    void inheritsATopLevelKeyFromAnEnvironmentVariable() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("CASSANDRA_POOL_POOLSIZE", "9"))))
                .withPropertyValues("cassandra.pool.pools.orders.max-overflow=1")
                .run(context -> assertThat(context.getBean("orders", ConnectionPool.class).size()).isEqualTo(9));
    }

    /** A pool's name keeps the case it was written in, and inherits all the same. */
    @Test
    void inheritsIntoAPoolWhoseNameHasCapitals() {
        runner.withPropertyValues("cassandra.pool.pool-size=4", "cassandra.pool.pools.OrderHistory.max-overflow=1")
                .run(context -> assertThat(context.getBeansOfType(ConnectionPool.class).values()).singleElement()
                        .satisfies(pool -> assertThat(pool.size()).isEqualTo(4)));
    }

    @Test
    void buildsNoPoolFromTheTopLevelKeysWhenPoolsAreNamed() {
        runner.withPropertyValues("cassandra.pool.pools.orders.pool-size=1").run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(CassandraPoolAutoConfiguration.SINGLE_POOL)
                .hasSingleBean(ConnectionPool.class));
        runner.withPropertyValues("cassandra.pool.enabled=false", "cassandra.pool.pools.orders.pool-size=1")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ConnectionPool.class));
    }

    @Test
    void namesThePoolsKeyOfAnInvalidValue() {
        runner.withPropertyValues("cassandra.pool.pools.orders.pool-size=-1").run(context -> assertThat(context)
                .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("cassandra.pool.pools.orders.pool-size"));
    }

    @Test
    void rejectsAQualifierThatNamesNoPool() {
        runner.withPropertyValues("cassandra.pool.pools.orders.pool-size=1")
                .withUserConfiguration(MisspeltQualifier.class).run(context -> assertThat(context).getFailure()
                        .rootCause().hasMessageContaining("has @Qualifier(\"ordrs\"), but there is no ConnectionPool"
                                + " bean named 'ordrs'").hasMessageContaining("[orders]"));
    }

    @Configuration(proxyBeanMethods = false)
    static class MisspeltQualifier {

        @Bean
        @Qualifier("ordrs")
        ConnectionPoolCustomizer ordersOnly() {
            return builder -> builder.poolSize(1);
        }
    }
}
