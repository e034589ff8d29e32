package dev.casspool.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.ColumnFamily;
import dev.casspool.ConnectionPool;
import dev.casspool.ConnectionWrapper;
import dev.casspool.MaximumRetryException;
import dev.casspool.NoConnectionAvailableException;
import dev.casspool.autoconfigure.BootLine;
import dev.casspool.autoconfigure.TestCassandra;
import dev.casspool.autoconfigure.CassandraPoolAutoConfiguration;
import dev.casspool.embedded.Authenticator;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The pools' meters, bound by Boot's own metrics auto-configuration (of either generation) and tagged with the bean
 * name, against a real node.
 */
@EmbeddedCassandra(authenticator = Authenticator.PASSWORD)
class CassandraPoolMetricsTest {

    /** The single pool's bean name, which tags its meters (its logging name is "metered"). */
    private static final String POOL = CassandraPoolAutoConfiguration.SINGLE_POOL;

    /** A keyspace that asks for two replicas on a one-node ring: writes at consistency TWO are Unavailable. */
    private static final String TWO_REPLICAS = "StarterTwoReplicas";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CassandraPoolAutoConfiguration.class,
                    CassandraPoolMetricsAutoConfiguration.class))
            .withConfiguration(BootLine.metrics())
            .withPropertyValues("cassandra.pool.logging-name=metered", "cassandra.pool.use-threadlocal=false");

    @BeforeAll
    static void createKeyspaceWithTwoReplicas(CassandraNode node) {
        node.schema().createKeyspace(TWO_REPLICAS, 2, TestCassandra.COLUMN_FAMILY);
    }

    /** The meters are there at startup, and count the connections that prefill opened before they were bound. */
    @Tag("boot-lines")
    @Test
    void everyMeterIsThereAtStartupAndCountsThePrefilledConnections(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.pool-size=2").run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    String server = node.thriftAddress();
                    assertThat(counter(registry, "cassandra.pool.connections.created", server)).isEqualTo(2);
                    for (String perServer : List.of("cassandra.pool.connections.disposed",
                            "cassandra.pool.connections.recycled", "cassandra.pool.connections.failed",
                            "cassandra.pool.retries", "cassandra.pool.servers.marked.down",
                            "cassandra.pool.servers.marked.up")) {
                        assertThat(counter(registry, perServer, server)).as(perServer).isZero();
                    }
                    assertThat(registry.get("cassandra.pool.servers").tags("pool", POOL, "state", "up").gauge()
                            .value()).isEqualTo(1);
                    for (String counter : List.of("cassandra.pool.at.max", "cassandra.pool.timeouts",
                            "cassandra.pool.servers.added", "cassandra.pool.servers.removed")) {
                        assertThat(registry.get(counter).tag("pool", POOL).functionCounter().count()).as(counter)
                                .isZero();
                    }
                    assertThat(registry.get("cassandra.pool.operations.routed").tag("pool", POOL).functionCounters())
                            .hasSize(2);
                    assertThat(registry.find("cassandra.pool.connections.idle").tag("pool", "metered").meter())
                            .as("tagged with the bean name, not the logging name").isNull();
                });
    }

    @Tag("boot-lines")
    @Test
    void gaugesReadThePool(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.pool-size=2", "cassandra.pool.max-overflow=1").run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    ConnectionPool pool = context.getBean(ConnectionPool.class);
                    assertThat(gauge(registry, "idle")).isEqualTo(2);
                    assertThat(gauge(registry, "active")).isZero();
                    assertThat(gauge(registry, "max")).isEqualTo(3);

                    ConnectionWrapper first = pool.get();
                    ConnectionWrapper second = pool.get();
                    ConnectionWrapper third = pool.get();
                    assertThat(gauge(registry, "active")).isEqualTo(3);
                    assertThat(gauge(registry, "idle")).isZero();
                    assertThat(gauge(registry, "overflow")).isEqualTo(1);

                    CompletableFuture<ConnectionWrapper> waiter = CompletableFuture.supplyAsync(pool::get);
                    awaitTrue(() -> pool.pending() == 1, "a thread waits in get()");
                    assertThat(gauge(registry, "pending")).isEqualTo(1);

                    pool.put(first);
                    pool.put(waiter.get(30, TimeUnit.SECONDS));
                    pool.put(second);
                    pool.put(third);
                    assertThat(gauge(registry, "pending")).isZero();
                    assertThat(gauge(registry, "active")).isZero();
                    assertThat(gauge(registry, "idle")).isEqualTo(2);
                });
    }

    @Tag("boot-lines")
    @Test
    void timersAndCountersFollowTheEvents(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.pool-size=1", "cassandra.pool.max-overflow=1",
                        "cassandra.pool.pool-timeout=0")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    ConnectionPool pool = context.getBean(ConnectionPool.class);
                    String server = node.thriftAddress();

                    ConnectionWrapper pooled = pool.get();
                    ConnectionWrapper overflow = pool.get();
                    assertThat(counter(registry, "cassandra.pool.connections.created", server)).isEqualTo(2);
                    assertThatThrownBy(pool::get).isInstanceOf(NoConnectionAvailableException.class);
                    pool.put(overflow);
                    pool.put(pooled);

                    assertThat(registry.get("cassandra.pool.connections.acquire").tag("pool", POOL).timer()
                            .count()).isEqualTo(2);
                    assertThat(registry.get("cassandra.pool.connections.usage").tag("pool", POOL).timer()
                            .count()).isEqualTo(2);
                    assertThat(registry.get("cassandra.pool.at.max").tag("pool", POOL).functionCounter().count())
                            .isEqualTo(1);
                    assertThat(registry.get("cassandra.pool.timeouts").tag("pool", POOL).functionCounter().count())
                            .isEqualTo(1);
                    assertThat(counter(registry, "cassandra.pool.connections.disposed", server)).isEqualTo(1);
                });
    }

    @Test
    void countsRecycledConnections(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.pool-size=1", "cassandra.pool.recycle=1").run(context -> {
                    ColumnFamily columnFamily = new ColumnFamily(context.getBean(ConnectionPool.class),
                            TestCassandra.COLUMN_FAMILY);
                    columnFamily.insert("recycled", Map.of("column", "one"));
                    columnFamily.insert("recycled", Map.of("column", "two"));

                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(counter(registry, "cassandra.pool.connections.recycled", node.thriftAddress()))
                            .isEqualTo(1);
                });
    }

    @Test
    void countsRetriesOfUnavailableWrites(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.keyspace=" + TWO_REPLICAS, "cassandra.pool.pool-size=1",
                        "cassandra.pool.max-retries=2")
                .run(context -> {
                    ColumnFamily columnFamily = new ColumnFamily(context.getBean(ConnectionPool.class),
                            TestCassandra.COLUMN_FAMILY);
                    columnFamily.setWriteConsistencyLevel(ConsistencyLevel.TWO);

                    assertThatThrownBy(() -> columnFamily.insert("unavailable", Map.of("column", "value")))
                            .isInstanceOf(MaximumRetryException.class);

                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(counter(registry, "cassandra.pool.retries", node.thriftAddress())).isEqualTo(2);
                });
    }

    @Test
    void countsFailedConnectsAndServersMarkedDown(CassandraNode node) {
        String nothingListens = TestCassandra.closedAddress();
        runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withPropertyValues("cassandra.pool.server-list=" + node.thriftAddress() + "," + nothingListens,
                        "cassandra.pool.prefill=false", "cassandra.pool.pool-size=2")
                .run(context -> {
                    ConnectionPool pool = context.getBean(ConnectionPool.class);
                    pool.put(pool.get());
                    ConnectionWrapper first = pool.get();
                    pool.put(pool.get());
                    pool.put(first);

                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(counter(registry, "cassandra.pool.connections.failed", nothingListens)).isEqualTo(1);
                    assertThat(counter(registry, "cassandra.pool.servers.marked.down", nothingListens)).isEqualTo(1);
                    assertThat(counter(registry, "cassandra.pool.connections.created", node.thriftAddress()))
                            .isEqualTo(2);
                });
    }

    @Tag("boot-lines")
    @Test
    void bindsNothingWithoutAMeterRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CassandraPoolAutoConfiguration.class,
                        CassandraPoolMetricsAutoConfiguration.class))
                .withPropertyValues("cassandra.pool.keyspace=Keyspace1", "cassandra.pool.prefill=false")
                .run(context -> assertThat(context).hasSingleBean(ConnectionPool.class)
                        .doesNotHaveBean("cassandraPoolMeterBinder"));
    }

    @Tag("boot-lines")
    @Test
    void bindsNothingWithoutMicrometer() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CassandraPoolAutoConfiguration.class,
                        CassandraPoolMetricsAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("io.micrometer.core"))
                .withPropertyValues("cassandra.pool.keyspace=Keyspace1", "cassandra.pool.prefill=false")
                .run(context -> assertThat(context).hasSingleBean(ConnectionPool.class)
                        .doesNotHaveBean("cassandraPoolMeterBinder"));
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get("cassandra.pool.connections." + name).tag("pool", POOL).gauge().value();
    }

    private static double counter(MeterRegistry registry, String name, String server) {
        return registry.get(name).tag("pool", POOL).tag("server", server).functionCounter().count();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what).isNegative();
            Thread.onSpinWait();
        }
    }
}
