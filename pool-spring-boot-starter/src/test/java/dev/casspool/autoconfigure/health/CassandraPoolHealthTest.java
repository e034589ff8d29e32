package dev.casspool.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.AllServersUnavailableException;
import dev.casspool.ConnectionPool;
import dev.casspool.ConnectionWrapper;
import dev.casspool.PoolEvent;
import dev.casspool.PoolListener;
import dev.casspool.autoconfigure.TestCassandra;
import dev.casspool.autoconfigure.CassandraPoolAutoConfiguration;
import dev.casspool.embedded.Authenticator;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code cassandraPool} health contributor against a real node. */
@EmbeddedCassandra(authenticator = Authenticator.PASSWORD)
class CassandraPoolHealthTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CassandraPoolAutoConfiguration.class,
                    CassandraPoolHealthContributorAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class));

    @Test
    void reportsUpWithTheDetailsAndWithoutThePassword(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.pool-size=2", "cassandra.pool.max-overflow=3").run(context -> {
                    Health health = cassandraPool(context).health();

                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("keyspace", TestCassandra.KEYSPACE)
                            .containsEntry("active", 0).containsEntry("idle", 2).containsEntry("overflow", 0)
                            .containsEntry("max", 5).containsEntry("pending", 0)
                            .containsEntry("servers", Map.of(node.thriftAddress(),
                                    Map.of("status", "UP", "openConnections", 2)));
                    assertThat((String) health.getDetails().get("version")).matches("\\d+\\.\\d+\\.\\d+");
                    assertThat(health.toString()).doesNotContain(Authenticator.SUPERUSER_PASSWORD);
                });
    }

    /** Every connection busy is load, not an outage: no waiting for one, no new one, still UP. */
    @Test
    void staysUpWhenSaturatedWithoutWaitingOrConnecting(CassandraNode node) {
        AtomicInteger created = new AtomicInteger();
        PoolListener countCreated = new PoolListener() {
            @Override
            public void connectionCreated(PoolEvent event) {
                created.incrementAndGet();
            }
        };
        runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.pool-size=2", "cassandra.pool.use-threadlocal=false",
                        "cassandra.pool.pool-timeout=60s")
                .withBean(PoolListener.class, () -> countCreated).run(context -> {
                    ConnectionPool pool = context.getBean(ConnectionPool.class);
                    List<ConnectionWrapper> busy = List.of(pool.get(), pool.get());

                    long start = System.nanoTime();
                    Health health = cassandraPool(context).health();

                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("active", 2).containsEntry("idle", 0);
                    assertThat(created).hasValue(2);
                    busy.forEach(pool::put);
                });
    }

    @Test
    void reportsDownWithTheErrorWhenNoServerCanBeReached() {
        String nothingListens = TestCassandra.closedAddress();
        runner.withPropertyValues("cassandra.pool.keyspace=" + TestCassandra.KEYSPACE,
                "cassandra.pool.server-list=" + nothingListens, "cassandra.pool.prefill=false").run(context -> {
                    ConnectionPool pool = context.getBean(ConnectionPool.class);
                    assertThatThrownBy(pool::get).isInstanceOf(AllServersUnavailableException.class);

                    Health health = cassandraPool(context).health();

                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat((String) health.getDetails().get("error")).contains("Connection refused");
                    assertThat(health.getDetails().get("servers")).asInstanceOf(InstanceOfAssertFactories.MAP)
                            .extractingByKey(nothingListens).asInstanceOf(InstanceOfAssertFactories.MAP)
                            .containsEntry("status", "DOWN").containsKeys("downSince", "error");
                });
    }

    /** A node that dies while the application idles reads DOWN at the next check, no request needed. */
    @Test
    void findsANodeThatDiedWhileTheApplicationIdled(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node)).run(context -> {
            assertThat(cassandraPool(context).health().getStatus()).isEqualTo(Status.UP);
            node.kill();

            Health health = cassandraPool(context).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error");
            assertThat(health.getDetails()).containsEntry("idle", 0);
        });
    }

    /** A frozen node holds the check for one socket timeout at most, not one per idle connection. */
    @Test
    void aFrozenNodeHoldsTheCheckForOneSocketTimeoutAtMost(CassandraNode node) {
        Duration timeout = Duration.ofSeconds(1);
        runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.timeout=1", "cassandra.pool.pool-size=4").run(context -> {
                    node.pause();
                    try {
                        long start = System.nanoTime();
                        Health health = cassandraPool(context).health();
                        Duration took = Duration.ofNanos(System.nanoTime() - start);

                        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                        // One timeout, plus scheduling on a loaded machine; four idle connections would take four.
                        assertThat(took).isLessThan(timeout.multipliedBy(2));
                    } finally {
                        node.resume();
                    }
                });
    }

    @Test
    void reportsEachPoolByBeanNameWhenThereAreSeveral() {
        runner.withBean("orders", ConnectionPool.class, () -> unconnectedPool("Orders"))
                .withBean("users", ConnectionPool.class, () -> unconnectedPool("Users")).run(context -> {
                    HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
                    assertThat(registry.getContributor("cassandraPool")).isInstanceOf(CompositeHealthContributor.class);
                    CompositeHealthContributor pools = (CompositeHealthContributor) registry
                            .getContributor("cassandraPool");
                    assertThat(((HealthIndicator) pools.getContributor("orders")).health().getDetails())
                            .containsEntry("keyspace", "Orders");
                    assertThat(((HealthIndicator) pools.getContributor("users")).health().getDetails())
                            .containsEntry("keyspace", "Users");
                });
    }

    @Test
    void canBeSwitchedOff() {
        runner.withPropertyValues("management.health.cassandrapool.enabled=false")
                .withBean(ConnectionPool.class, () -> unconnectedPool("Keyspace1"))
                .run(context -> assertThat(context).doesNotHaveBean("cassandraPoolHealthContributor"));
    }

    /**
     * Imported as an application imports it, so that the auto-configuration metadata filters the health
     * configuration out before its class (which names missing types) is loaded.
     */
    @Test
    void isLeftOutWithoutSpringBootHealth() {
        new ApplicationContextRunner().withUserConfiguration(PoolAndHealthImport.class)
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .withPropertyValues("cassandra.pool.keyspace=Keyspace1", "cassandra.pool.prefill=false")
                .run(context -> assertThat(context).hasSingleBean(ConnectionPool.class)
                        .doesNotHaveBean("cassandraPoolHealthContributor"));
    }

    private static HealthIndicator cassandraPool(AssertableApplicationContext context) {
        return (HealthIndicator) context.getBean(HealthContributorRegistry.class).getContributor("cassandraPool");
    }

    @ImportAutoConfiguration({CassandraPoolAutoConfiguration.class,
        CassandraPoolHealthContributorAutoConfiguration.class})
    static class PoolAndHealthImport {
    }

    private static ConnectionPool unconnectedPool(String keyspace) {
        return ConnectionPool.builder().keyspace(keyspace).serverList(TestCassandra.closedAddress()).prefill(false)
                .build();
    }
}
