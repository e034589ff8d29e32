package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import dev.casspool.micrometer.ConnectionPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plain pool bound to a {@link SimpleMeterRegistry} with {@link ConnectionPoolMetrics}, against a real node: every
 * meter from the moment of binding, counts that include what happened before (prefill), meters for servers that appear
 * later, and none left once the pool or the binder is closed.
 */
@EmbeddedCassandra
class ConnectionPoolMetricsTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Metrics", "Standard1");

    /** Every meter of the README's table that is not per server. */
    static final List<String> POOL_METERS = List.of("cassandra.pool.connections.active",
            "cassandra.pool.connections.idle", "cassandra.pool.connections.overflow", "cassandra.pool.connections.max",
            "cassandra.pool.connections.pending", "cassandra.pool.connections.acquire",
            "cassandra.pool.connections.usage", "cassandra.pool.at.max", "cassandra.pool.timeouts",
            "cassandra.pool.servers", "cassandra.pool.servers.added", "cassandra.pool.servers.removed",
            "cassandra.pool.operations.routed");

    /** Every meter of the README's table that is tagged {@code server}. */
    static final List<String> SERVER_METERS = List.of("cassandra.pool.connections.created",
            "cassandra.pool.connections.disposed", "cassandra.pool.connections.recycled",
            "cassandra.pool.connections.failed", "cassandra.pool.retries", "cassandra.pool.servers.marked.down",
            "cassandra.pool.servers.marked.up");

    @Test
    void everyMeterIsThereOnceBoundWithWhatHappenedBeforeBinding(CassandraNode node) {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(3).loggingName("bound").build()) {
            new ConnectionPoolMetrics(pool).bindTo(registry);

            assertThat(meterNames(registry)).containsExactlyInAnyOrderElementsOf(
                    concat(POOL_METERS, SERVER_METERS));
            String server = node.thriftAddress();
            assertThat(counter(registry, "cassandra.pool.connections.created", "server", server)).isEqualTo(3);
            assertThat(counter(registry, "cassandra.pool.connections.disposed", "server", server)).isZero();
            assertThat(gauge(registry, "cassandra.pool.connections.idle")).isEqualTo(3);
            assertThat(gauge(registry, "cassandra.pool.connections.max")).isEqualTo(3);
            assertThat(registry.get("cassandra.pool.servers").tags("pool", "bound", "state", "up").gauge().value())
                    .isEqualTo(1);
            assertThat(registry.get("cassandra.pool.servers").tags("pool", "bound", "state", "down").gauge().value())
                    .isZero();
            assertThat(counter(registry, "cassandra.pool.operations.routed", "replica", "true")).isZero();
            assertThat(counter(registry, "cassandra.pool.operations.routed", "replica", "false")).isZero();
            assertThat(registry.get("cassandra.pool.connections.acquire").tag("pool", "bound").timer().count())
                    .isZero();
        }
    }

    @Test
    void timersAndCountersFollowThePool(CassandraNode node) {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).useThreadLocal(false)
                .poolTimeout(Duration.ZERO).loggingName("bound").build()) {
            new ConnectionPoolMetrics(pool).bindTo(registry);

            ConnectionWrapper held = pool.get();
            assertThat(gauge(registry, "cassandra.pool.connections.active")).isEqualTo(1);
            assertThatThrownBy(pool::get).isInstanceOf(NoConnectionAvailableException.class);
            pool.put(held);

            assertThat(registry.get("cassandra.pool.connections.acquire").tag("pool", "bound").timer().count())
                    .isEqualTo(1);
            assertThat(registry.get("cassandra.pool.connections.usage").tag("pool", "bound").timer().count())
                    .isEqualTo(1);
            assertThat(counter(registry, "cassandra.pool.at.max")).isEqualTo(1);
            assertThat(counter(registry, "cassandra.pool.timeouts")).isEqualTo(1);
        }
    }

    @Test
    void aServerThatAppearsLaterGetsItsMetersWhenItAppears(CassandraNode node) {
        MeterRegistry registry = new SimpleMeterRegistry();
        String newcomer = "127.0.0.1:1";
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).loggingName("bound").build()) {
            new ConnectionPoolMetrics(pool).bindTo(registry);
            assertThat(registry.find("cassandra.pool.connections.created").tag("server", newcomer).meter()).isNull();

            pool.setServerList(List.of(node.thriftAddress(), newcomer));

            for (String name : SERVER_METERS) {
                assertThat(registry.find(name).tags("pool", "bound", "server", newcomer).functionCounter())
                        .as(name).isNotNull();
            }
            assertThat(counter(registry, "cassandra.pool.connections.created", "server", newcomer)).isZero();
        }
    }

    @Test
    void closingThePoolRemovesItsMeters(CassandraNode node) {
        MeterRegistry registry = new SimpleMeterRegistry();
        ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).loggingName("closing").build();
        ConnectionPoolMetrics metrics = new ConnectionPoolMetrics(pool);
        metrics.bindTo(registry);
        ConnectionPool other = TestPools.builder(node, KEYSPACE).poolSize(1).loggingName("staying").build();
        new ConnectionPoolMetrics(other).bindTo(registry);
        try {
            pool.close();

            assertThat(registry.getMeters()).extracting(meter -> meter.getId().getTag("pool"))
                    .containsOnly("staying").isNotEmpty();
            metrics.bindTo(registry);
            assertThat(registry.find("cassandra.pool.connections.idle").tag("pool", "closing").meter()).isNull();
        } finally {
            other.close();
        }
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void closingTheBinderRemovesItsMetersFromEveryRegistry(CassandraNode node) {
        MeterRegistry first = new SimpleMeterRegistry();
        MeterRegistry second = new SimpleMeterRegistry();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).build();
             ConnectionPoolMetrics metrics = new ConnectionPoolMetrics(pool, Tags.of("pool", "renamed", "app", "a"))) {
            metrics.bindTo(first);
            metrics.bindTo(second);
            assertThat(first.get("cassandra.pool.connections.idle").tags("pool", "renamed", "app", "a").gauge()
                    .value()).isEqualTo(1);
            pool.put(pool.get());
            assertThat(second.get("cassandra.pool.connections.usage").tag("pool", "renamed").timer().count())
                    .isEqualTo(1);

            metrics.close();

            assertThat(first.getMeters()).isEmpty();
            assertThat(second.getMeters()).isEmpty();
        }
    }

    static List<String> meterNames(MeterRegistry registry) {
        return registry.getMeters().stream().map(meter -> meter.getId().getName()).distinct().toList();
    }

    static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).tag("pool", "bound").gauge().value();
    }

    private static double counter(MeterRegistry registry, String name, String... tags) {
        return registry.get(name).tag("pool", "bound").tags(tags).functionCounter().count();
    }
}
