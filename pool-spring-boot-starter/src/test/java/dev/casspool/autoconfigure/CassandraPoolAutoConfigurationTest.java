package dev.casspool.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.ColumnFamily;
import dev.casspool.ConnectionPool;
import dev.casspool.ConnectionWrapper;
import dev.casspool.PoolEvent;
import dev.casspool.PoolListener;
import dev.casspool.SocketFactory;
import dev.casspool.autoconfigure.metrics.CassandraPoolMetricsAutoConfiguration;
import dev.casspool.autoconfigure.observation.CassandraPoolObservationAutoConfiguration;
import dev.casspool.embedded.Authenticator;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The pool bean against a real node: properties applied, listeners and customizers, back-off, shutdown. */
@Tag("boot-lines")
@EmbeddedCassandra(authenticator = Authenticator.PASSWORD)
class CassandraPoolAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CassandraPoolAutoConfiguration.class));

    @Test
    void buildsAPrefilledPoolFromTheProperties(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.pool_size=3", "cassandra.pool.max_overflow=2",
                        "cassandra.pool.logging_name=orders")
                .run(context -> {
                    ConnectionPool pool = context.getBean(ConnectionPool.class);
                    assertThat(pool.keyspace()).isEqualTo(TestCassandra.KEYSPACE);
                    assertThat(pool.serverList()).containsExactly(node.thriftAddress());
                    assertThat(pool.loggingName()).isEqualTo("orders");
                    assertThat(pool.size()).isEqualTo(3);
                    assertThat(pool.maxConnections()).isEqualTo(5);
                    assertThat(pool.checkedIn()).isEqualTo(3);

                    ColumnFamily columnFamily = new ColumnFamily(pool, TestCassandra.COLUMN_FAMILY);
                    columnFamily.insert("auto-configured", Map.of("column", "value"));
                    assertThat(columnFamily.get("auto-configured")).containsExactly(Map.entry("column", "value"));
                });
    }

    @Test
    void discoversTheRingAndRoutesKeysWhenToldTo(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.ring.discovery=true", "cassandra.pool.ring.refresh-interval=5",
                        "cassandra.pool.ring.local-datacenter=" + node.datacenter(), "cassandra.pool.token-aware=true")
                .run(context -> {
                    ConnectionPool pool = context.getBean(ConnectionPool.class);
                    assertThat(pool.serverStatuses()).singleElement().satisfies(server -> {
                        assertThat(server.address()).isEqualTo(node.thriftAddress());
                        assertThat(server.datacenter()).isEqualTo(node.datacenter());
                    });
                    ColumnFamily columnFamily = new ColumnFamily(pool, TestCassandra.COLUMN_FAMILY);
                    columnFamily.insert("routed", Map.of("column", "value"));
                    assertThat(pool.routedToReplica()).isEqualTo(1);
                });
    }

    @Test
    void addsEveryPoolListenerBean(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node)).withPropertyValues("cassandra.pool.pool-size=2")
                .withUserConfiguration(ListenerConfiguration.class).run(context -> {
                    assertThat(context.getBean("first", CreatedConnections.class).count).hasValue(2);
                    assertThat(context.getBean("second", CreatedConnections.class).count).hasValue(2);
                });
    }

    @Test
    void appliesCustomizersInOrderAfterTheProperties(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node)).withPropertyValues("cassandra.pool.pool-size=7")
                .withUserConfiguration(CustomizerConfiguration.class)
                .run(context -> assertThat(context.getBean(ConnectionPool.class).size()).isEqualTo(2));
    }

    @Test
    void passesTheTimeoutToTheSocketFactory(CassandraNode node) {
        List<Duration> timeouts = new CopyOnWriteArrayList<>();
        ConnectionPoolCustomizer recordTimeouts = builder -> builder.socketFactory((host, port, timeout) -> {
            timeouts.add(timeout);
            return SocketFactory.plain().create(host, port, timeout);
        });
        ApplicationContextRunner onePool = runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.pool-size=1")
                .withBean(ConnectionPoolCustomizer.class, () -> recordTimeouts);

        onePool.withPropertyValues("cassandra.pool.timeout=2.5").run(context -> assertThat(context).hasNotFailed());
        onePool.withPropertyValues("cassandra.pool.timeout=-1").run(context -> assertThat(context).hasNotFailed());

        assertThat(timeouts).containsExactly(Duration.ofMillis(2500), null);
    }

    @Test
    void closesThePoolWithTheContextAndCheckedOutConnectionsWhenTheyReturn(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node)).run(context -> {
            ConnectionPool pool = context.getBean(ConnectionPool.class);
            ConnectionWrapper inFlight = pool.get();

            context.close();

            assertThat(pool.isClosed()).isTrue();
            assertThat(pool.checkedIn()).isZero();
            assertThat(inFlight.describe_version()).isNotBlank();
            inFlight.close();
            assertThat(pool.checkedOut()).isZero();
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnPool() {
        runner.withPropertyValues("cassandra.pool.keyspace=Ignored")
                .withBean(ConnectionPool.class, () -> ConnectionPool.builder().keyspace("Mine").prefill(false).build())
                .run(context -> assertThat(context).getBean(ConnectionPool.class)
                        .extracting(ConnectionPool::keyspace).isEqualTo("Mine"));
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues("cassandra.pool.enabled=false", "cassandra.pool.keyspace=Keyspace1")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ConnectionPool.class)
                        .doesNotHaveBean(CassandraPoolProperties.class));
    }

    @Test
    void backsOffWithoutPoolCore() {
        runner.withClassLoader(new FilteredClassLoader(ConnectionPool.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CassandraPoolProperties.class));
    }

    @Test
    void registersEveryAutoConfigurationInTheImportsFile() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
                .contains(CassandraPoolAutoConfiguration.class.getName(),
                        CassandraPoolMetricsAutoConfiguration.class.getName(),
                        CassandraPoolObservationAutoConfiguration.class.getName(), BootLine.POOL_HEALTH_BOOT_4,
                        BootLine.POOL_HEALTH_BOOT_3,
                        // by name: Actuator, which it needs, is not on the class path of the Boot 4 tests
                        "dev.casspool.autoconfigure.endpoint.CassandraPoolSanitizingAutoConfiguration");
    }

    /** Counts the connections a pool opens. */
    static final class CreatedConnections implements PoolListener {

        final AtomicInteger count = new AtomicInteger();

        @Override
        public void connectionCreated(PoolEvent event) {
            count.incrementAndGet();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ListenerConfiguration {

        @Bean
        CreatedConnections first() {
            return new CreatedConnections();
        }

        @Bean
        CreatedConnections second() {
            return new CreatedConnections();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {

        @Bean
        @Order(2)
        ConnectionPoolCustomizer last() {
            return builder -> builder.poolSize(2);
        }

        @Bean
        @Order(1)
        ConnectionPoolCustomizer first() {
            return builder -> builder.poolSize(1);
        }
    }
}
