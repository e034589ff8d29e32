package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import dev.casspool.internal.LifetimePolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** maxLifetime (with jitter) and idleTimeout retire connections; the pool replaces those that grew old. */
@EmbeddedCassandra
class ConnectionLifetimeTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Lifetime", "Standard1");


    @Test
    void lifetimesCarryUpTo2Point5PercentJitterSoConnectionsDoNotExpireTogether() {
        Duration lifetime = Duration.ofMinutes(30);
        LifetimePolicy policy = new LifetimePolicy(lifetime, null, null);
        Set<Long> expiries = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            long expiresAt = policy.expiresAt(0L);
            assertThat(expiresAt).isBetween(lifetime.toNanos() - lifetime.toNanos() / 40, lifetime.toNanos());
            expiries.add(expiresAt);
        }
        assertThat(expiries).hasSizeGreaterThan(90);
    }

    @Test
    void idleConnectionsAreReplacedAtMaxLifetimeAndBusyOnesRetireWhenTheyComeBack(CassandraNode node)
            throws Exception {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(2).useThreadLocal(false)
                .maxLifetime(Duration.ofMillis(500)).listener(events).build()) {
            long openedBy = System.nanoTime();
            ConnectionWrapper busy = pool.get();
            Conditions.await("the idle connection to reach its lifetime", Duration.ofSeconds(10),
                    () -> events.count(PoolEventType.CONNECTION_DISPOSED) >= 1);
            assertThat(events.events(PoolEventType.CONNECTION_DISPOSED).get(0).message()).contains("maxLifetime");
            Conditions.await("its replacement", Duration.ofSeconds(10),
                    () -> events.count(PoolEventType.CONNECTION_CREATED) >= 3);

            // The checked-out connection is as old as the retired one: it goes when it comes back. Its jitter may
            // give it a few more milliseconds than the retired one had, and the pool reads a clock that ticks every
            // 20 ms, so it comes back only once 500 ms plus a tick have surely passed since it was opened.
            Conditions.await("the busy connection to outlive maxLifetime", Duration.ofSeconds(10),
                    () -> System.nanoTime() - openedBy > Duration.ofMillis(500 + 2 * 20).toNanos());
            pool.put(busy);
            assertThat(events.events(PoolEventType.CONNECTION_DISPOSED)).anySatisfy(e -> {
                assertThat(e.connection()).isSameAs(busy);
                assertThat(e.message()).contains("maxLifetime");
            });
            assertThat(pool.checkedOut()).isZero();
        }
    }

    @Test
    void connectionsIdleLongerThanIdleTimeoutAreClosed(CassandraNode node) throws Exception {
        RecordingListener events = new RecordingListener();
        CountingSocketFactory sockets = new CountingSocketFactory();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(3).idleTimeout(Duration.ofMillis(300))
                .socketFactory(sockets).listener(events).build()) {
            Conditions.await("every idle connection to be closed", Duration.ofSeconds(10), () -> sockets.open() == 0);
            assertThat(events.events(PoolEventType.CONNECTION_DISPOSED)).hasSize(3)
                    .allSatisfy(e -> assertThat(e.message()).contains("idleTimeout"));
            assertThat(pool.checkedIn()).isZero();

            String version = pool.execute(client -> client.describe_version());
            assertThat(version).isNotBlank();
        }
    }
}
