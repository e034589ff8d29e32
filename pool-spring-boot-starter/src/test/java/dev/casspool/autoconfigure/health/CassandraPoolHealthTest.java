package dev.casspool.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.AllServersUnavailableException;
import dev.casspool.ConnectionPool;
import dev.casspool.ConnectionWrapper;
import dev.casspool.PoolEvent;
import dev.casspool.PoolListener;
import dev.casspool.autoconfigure.BootLine;
import dev.casspool.autoconfigure.BootLine.HealthReport;
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
import org.junit.jupiter.api.Tag;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code cassandraPool} health contributor against a real node, on whichever Boot generation the build runs (the
 * starter has one health configuration per generation, see {@link BootLine}).
 */
@EmbeddedCassandra(authenticator = Authenticator.PASSWORD)
class CassandraPoolHealthTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CassandraPoolAutoConfiguration.class))
            .withConfiguration(BootLine.poolHealth())
            .withConfiguration(BootLine.healthRegistry());

    @Tag("boot-lines")
    @Test
    void reportsUpWithTheDetailsAndWithoutThePassword(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.pool-size=2", "cassandra.pool.max-overflow=3").run(context -> {
                    HealthReport health = cassandraPool(context);

                    assertThat(health.status()).isEqualTo("UP");
                    assertThat(health.details()).containsEntry("keyspace", TestCassandra.KEYSPACE)
                            .containsEntry("active", 0).containsEntry("idle", 2).containsEntry("overflow", 0)
                            .containsEntry("max", 5).containsEntry("pending", 0)
                            .containsEntry("servers", Map.of(node.thriftAddress(),
                                    Map.of("status", "UP", "openConnections", 2)));
                    assertThat((String) health.details().get("version")).matches("\\d+\\.\\d+\\.\\d+");
                    assertThat(health.toString()).doesNotContain(Authenticator.SUPERUSER_PASSWORD);
                });
    }

    @Tag("boot-lines")
    @Test
    void listsEachServerWithItsDatacenterWhenThePoolDiscoversTheRing(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.ring.discovery=true").run(context -> {
                    HealthReport health = cassandraPool(context);

                    assertThat(health.details().get("servers")).asInstanceOf(InstanceOfAssertFactories.MAP)
                            .extractingByKey(node.thriftAddress()).asInstanceOf(InstanceOfAssertFactories.MAP)
                            .containsEntry("datacenter", node.datacenter()).containsEntry("rack", node.rack());
                });
    }

    /** Every connection busy is load, not an outage: no waiting for one, no new one, still UP. */
    @Tag("boot-lines")
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
                    HealthReport health = cassandraPool(context);

                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
                    assertThat(health.status()).isEqualTo("UP");
                    assertThat(health.details()).containsEntry("active", 2).containsEntry("idle", 0);
                    assertThat(created).hasValue(2);
                    busy.forEach(pool::put);
                });
    }

    /**
     * In thread-local mode, a thread that holds a connection and checks health (a request thread serving the health
     * endpoint in the middle of its own work, say) keeps its connection: the check asks it and gives nothing back.
     */
    @Tag("boot-lines")
    @Test
    void neverReleasesAConnectionItsThreadHolds(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.pool-size=2").run(context -> {
                    ConnectionPool pool = context.getBean(ConnectionPool.class);
                    ConnectionWrapper held = pool.get();

                    HealthReport health = cassandraPool(context);

                    assertThat(health.status()).isEqualTo("UP");
                    assertThat(health.details()).containsKey("version");
                    assertThat(pool.checkedOut()).isEqualTo(1);
                    assertThat(pool.get()).isSameAs(held);
                    assertThat(held.describe_version()).isNotBlank();
                    pool.put(held);
                    assertThat(pool.checkedOut()).isZero();
                });
    }

    @Tag("boot-lines")
    @Test
    void reportsDownWithTheErrorWhenNoServerCanBeReached() {
        String nothingListens = TestCassandra.closedAddress();
        runner.withPropertyValues("cassandra.pool.keyspace=" + TestCassandra.KEYSPACE,
                "cassandra.pool.server-list=" + nothingListens, "cassandra.pool.prefill=false").run(context -> {
                    ConnectionPool pool = context.getBean(ConnectionPool.class);
                    assertThatThrownBy(pool::get).isInstanceOf(AllServersUnavailableException.class);

                    HealthReport health = cassandraPool(context);

                    assertThat(health.status()).isEqualTo("DOWN");
                    assertThat((String) health.details().get("error")).contains("Connection refused");
                    assertThat(health.details().get("servers")).asInstanceOf(InstanceOfAssertFactories.MAP)
                            .extractingByKey(nothingListens).asInstanceOf(InstanceOfAssertFactories.MAP)
                            .containsEntry("status", "DOWN").containsKeys("downSince", "error");
                });
    }

    /** A node that dies while the application idles reads DOWN at the next check, no request needed. */
    @Test
    void findsANodeThatDiedWhileTheApplicationIdled(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node)).run(context -> {
            assertThat(cassandraPool(context).status()).isEqualTo("UP");
            node.kill();

            HealthReport health = cassandraPool(context);

            assertThat(health.status()).isEqualTo("DOWN");
            assertThat(health.details()).containsKey("error");
            assertThat(health.details()).containsEntry("idle", 0);
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
                        HealthReport health = cassandraPool(context);
                        Duration took = Duration.ofNanos(System.nanoTime() - start);

                        assertThat(health.status()).isEqualTo("DOWN");
                        // One timeout, plus scheduling on a loaded machine; four idle connections would take four.
                        assertThat(took).isLessThan(timeout.multipliedBy(2));
                    } finally {
                        node.resume();
                    }
                });
    }

    @Tag("boot-lines")
    @Test
    void reportsEachPoolByBeanNameWhenThereAreSeveral() {
        runner.withBean("orders", ConnectionPool.class, () -> unconnectedPool("Orders"))
                .withBean("users", ConnectionPool.class, () -> unconnectedPool("Users")).run(context -> {
                    assertThat(BootLine.health(context, "cassandraPool", "orders").details())
                            .containsEntry("keyspace", "Orders");
                    assertThat(BootLine.health(context, "cassandraPool", "users").details())
                            .containsEntry("keyspace", "Users");
                });
    }

    @Tag("boot-lines")
    @Test
    void canBeSwitchedOff() {
        runner.withPropertyValues("management.health.cassandrapool.enabled=false")
                .withBean(ConnectionPool.class, () -> unconnectedPool("Keyspace1"))
                .run(context -> assertThat(context).doesNotHaveBean("cassandraPoolHealthContributor"));
    }

    /**
     * Imported as an application imports it, so that the auto-configuration metadata filters the health
     * configurations out before their classes (which name missing types) are loaded.
     */
    @Tag("boot-lines")
    @Test
    void isLeftOutWithoutActuatorHealth() {
        new ApplicationContextRunner()
                .withUserConfiguration(BootLine.BOOT_4 ? Boot4PoolAndHealth.class : Boot3PoolAndHealth.class)
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.health",
                        "org.springframework.boot.actuate.health"))
                .withPropertyValues("cassandra.pool.keyspace=Keyspace1", "cassandra.pool.prefill=false")
                .run(context -> assertThat(context).hasSingleBean(ConnectionPool.class)
                        .doesNotHaveBean("cassandraPoolHealthContributor"));
    }

    private static HealthReport cassandraPool(AssertableApplicationContext context) {
        return BootLine.health(context, "cassandraPool");
    }

    @ImportAutoConfiguration({CassandraPoolAutoConfiguration.class,
        CassandraPoolHealthContributorAutoConfiguration.class})
    static class Boot4PoolAndHealth {
    }

    @ImportAutoConfiguration({CassandraPoolAutoConfiguration.class,
        CassandraPoolBoot3HealthContributorAutoConfiguration.class})
    static class Boot3PoolAndHealth {
    }

    private static ConnectionPool unconnectedPool(String keyspace) {
        return ConnectionPool.builder().keyspace(keyspace).serverList(TestCassandra.closedAddress()).prefill(false)
                .build();
    }
}
