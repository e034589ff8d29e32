package dev.casspool.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.ColumnFamily;
import dev.casspool.ConnectionPool;
import dev.casspool.autoconfigure.CassandraPoolAutoConfigurationTest.CreatedConnections;
import dev.casspool.autoconfigure.metrics.CassandraPoolMetricsAutoConfiguration;
import dev.casspool.embedded.Authenticator;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.cassandra.thrift.NotFoundException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One pool per keyspace ({@code cassandra.pool.pools.<name>.*}) against a real node: a bean per name, the top-level
 * keys as defaults, health and metrics per pool, listeners and customizers per pool.
 */
@Tag("boot-lines")
@EmbeddedCassandra(authenticator = Authenticator.PASSWORD)
class NamedPoolsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CassandraPoolAutoConfiguration.class,
                    CassandraPoolMetricsAutoConfiguration.class))
            .withConfiguration(BootLine.poolHealth())
            .withConfiguration(BootLine.healthRegistry())
            .withConfiguration(BootLine.metrics());

    /** Two keyspaces, two pools; everything but the keyspace and the size comes from the top-level keys. */
    private ApplicationContextRunner ordersAndUsers(CassandraNode node) {
        return runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.pool-size=2", "cassandra.pool.logging-name=not-inherited",
                        "cassandra.pool.pools.orders.pool_size=3",
                        "cassandra.pool.pools.users.keyspace=" + TestCassandra.SECOND_KEYSPACE);
    }

    @Test
    void buildsOnePoolPerNameWithTheTopLevelKeysAsDefaults(CassandraNode node) {
        ordersAndUsers(node).withUserConfiguration(OrdersRepository.class).run(context -> {
            assertThat(context).doesNotHaveBean(CassandraPoolAutoConfiguration.SINGLE_POOL);
            assertThat(context.getBeansOfType(ConnectionPool.class)).containsOnlyKeys("orders", "users");
            ConnectionPool orders = context.getBean("orders", ConnectionPool.class);
            ConnectionPool users = context.getBean("users", ConnectionPool.class);
            assertThat(context.getBean(OrdersRepository.class).pool).isSameAs(orders);

            assertThat(orders.keyspace()).isEqualTo(TestCassandra.KEYSPACE);
            assertThat(orders.size()).isEqualTo(3);
            assertThat(orders.loggingName()).isEqualTo("orders");
            assertThat(users.keyspace()).isEqualTo(TestCassandra.SECOND_KEYSPACE);
            assertThat(users.size()).isEqualTo(2);
            assertThat(users.loggingName()).isEqualTo("users");
            assertThat(users.serverList()).containsExactly(node.thriftAddress());

            ColumnFamily inOrders = new ColumnFamily(orders, TestCassandra.COLUMN_FAMILY);
            ColumnFamily inUsers = new ColumnFamily(users, TestCassandra.COLUMN_FAMILY);
            inOrders.insert("named-pools", Map.of("keyspace", "orders"));
            assertThat(inOrders.get("named-pools")).containsExactly(Map.entry("keyspace", "orders"));
            assertThatThrownBy(() -> inUsers.get("named-pools"))
                    .isInstanceOf(NotFoundException.class);
        });
    }

    @Test
    void reportsEachPoolToHealthAndMetricsUnderItsName(CassandraNode node) {
        ordersAndUsers(node).run(context -> {
            assertThat(BootLine.health(context, "cassandraPool", "orders").status()).isEqualTo("UP");
            assertThat(BootLine.health(context, "cassandraPool", "orders").details())
                    .containsEntry("keyspace", TestCassandra.KEYSPACE).containsEntry("idle", 3);
            assertThat(BootLine.health(context, "cassandraPool", "users").details())
                    .containsEntry("keyspace", TestCassandra.SECOND_KEYSPACE).containsEntry("idle", 2);

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("cassandra.pool.connections.idle").tag("pool", "orders").gauge().value())
                    .isEqualTo(3);
            assertThat(registry.get("cassandra.pool.connections.idle").tag("pool", "users").gauge().value())
                    .isEqualTo(2);
        });
    }

    @Test
    void appliesQualifiedCustomizersAndListenersToTheirPoolOnly(CassandraNode node) {
        ordersAndUsers(node).withUserConfiguration(PerPoolBeans.class).run(context -> {
            ConnectionPool orders = context.getBean("orders", ConnectionPool.class);
            ConnectionPool users = context.getBean("users", ConnectionPool.class);
            assertThat(orders.size()).isEqualTo(1);
            assertThat(orders.maxConnections()).isEqualTo(1 + 4);
            assertThat(users.size()).isEqualTo(2);
            assertThat(users.maxConnections()).isEqualTo(2 + 4);
            assertThat(context.getBean("usersConnections", CreatedConnections.class).count).hasValue(2);
            assertThat(context.getBean("allConnections", CreatedConnections.class).count).hasValue(1 + 2);
        });
    }

    /** A repository of one keyspace, as an application injects its pool. */
    static final class OrdersRepository {

        final ConnectionPool pool;

        OrdersRepository(@Qualifier("orders") ConnectionPool pool) {
            this.pool = pool;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PerPoolBeans {

        @Bean
        @Qualifier("orders")
        ConnectionPoolCustomizer ordersOnly() {
            return builder -> builder.poolSize(1);
        }

        @Bean
        ConnectionPoolCustomizer everyPool() {
            return builder -> builder.maxOverflow(4);
        }

        @Bean
        @Qualifier("users")
        CreatedConnections usersConnections() {
            return new CreatedConnections();
        }

        @Bean
        CreatedConnections allConnections() {
            return new CreatedConnections();
        }
    }
}
