package dev.casspool.autoconfigure.metrics;

import dev.casspool.ConnectionPool;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer metrics of a {@link ConnectionPool}, tagged {@code pool} with its logging name. Gauges read the pool's
 * counters; timers and counters are fed by a listener that {@link #bindTo} adds to the pool, so the pool itself
 * never touches Micrometer.
 *
 * <ul>
 *   <li>gauges {@code cassandra.pool.connections.active} (checked out), {@code .idle} (checked in),
 *       {@code .overflow} (open beyond pool-size), {@code .max} (pool-size + max-overflow; 2147483647 without a
 *       limit) and {@code .pending} (threads waiting in {@code get});</li>
 *   <li>timers {@code cassandra.pool.connections.acquire} (time to check a connection out) and {@code .usage} (time
 *       it was held);</li>
 *   <li>counters {@code cassandra.pool.connections.created}, {@code .disposed}, {@code .recycled}, {@code .failed},
 *       {@code cassandra.pool.retries}, {@code cassandra.pool.servers.marked.down} and {@code .up}, each tagged
 *       {@code server}, and {@code cassandra.pool.at.max} and {@code cassandra.pool.timeouts}.</li>
 * </ul>
 *
 * <p>Timers and counters see the events after {@code bindTo}: the connections that prefill opened while the pool was
 * built show in the gauges, not in {@code created}.
 */
public final class ConnectionPoolMetrics implements MeterBinder {

    private final ConnectionPool pool;
    private final Tags tags;

    /**
     * Creates the binder.
     *
     * @param pool the pool to observe
     */
    public ConnectionPoolMetrics(ConnectionPool pool) {
        this(pool, Tags.empty());
    }

    /**
     * Creates the binder.
     *
     * @param pool the pool to observe
     * @param tags tags added to every meter besides {@code pool}
     */
    public ConnectionPoolMetrics(ConnectionPool pool, Iterable<Tag> tags) {
        this.pool = pool;
        this.tags = Tags.of(tags).and("pool", pool.loggingName());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "active", "Connections checked out", BaseUnits.CONNECTIONS, ConnectionPool::checkedOut);
        gauge(registry, "idle", "Connections idle in the pool", BaseUnits.CONNECTIONS, ConnectionPool::checkedIn);
        gauge(registry, "overflow", "Open connections beyond pool-size", BaseUnits.CONNECTIONS,
                ConnectionPool::overflow);
        gauge(registry, "max", "Most connections open at once: pool-size + max-overflow", BaseUnits.CONNECTIONS,
                ConnectionPool::maxConnections);
        gauge(registry, "pending", "Threads waiting for a connection", BaseUnits.THREADS, ConnectionPool::pending);
        pool.addListener(new PoolEventMeters(registry, tags));
    }

    private void gauge(MeterRegistry registry, String name, String description, String baseUnit,
                       ToDoubleFunction<ConnectionPool> value) {
        Gauge.builder("cassandra.pool.connections." + name, pool, value)
                .description(description)
                .baseUnit(baseUnit)
                .tags(tags)
                .register(registry);
    }
}
