package dev.casspool.micrometer;

import dev.casspool.ConnectionPool;
import dev.casspool.ConnectionWrapper;
import dev.casspool.PoolEvent;
import dev.casspool.PoolStatistics;
import dev.casspool.PoolTimingListener;
import dev.casspool.ServerStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds a {@link ConnectionPool}'s meters to a Micrometer {@link MeterRegistry}, tagged {@code pool} (the pool's
 * logging name unless the tags given say otherwise), as Micrometer's own pool binders do: every meter exists as soon
 * as {@link #bindTo} returns, and counters read the pool's own cumulative counts ({@link ConnectionPool#statistics()}),
 * so they include what happened before binding, such as the connections that {@code prefill} opened.
 *
 * <ul>
 *   <li>gauges {@code cassandra.pool.connections.active} (checked out), {@code .idle}, {@code .overflow} (open beyond
 *       {@code poolSize}), {@code .max} ({@code poolSize + maxOverflow}; 2147483647 without a limit),
 *       {@code .pending} (threads waiting in {@code get}), and {@code cassandra.pool.servers} tagged
 *       {@code state=up|down} (servers in use, marked down or not);</li>
 *   <li>timers {@code cassandra.pool.connections.acquire} (time to check a connection out) and {@code .usage} (time
 *       it was held), which record the check-outs after binding;</li>
 *   <li>counters {@code cassandra.pool.connections.created}, {@code .disposed}, {@code .recycled}, {@code .failed},
 *       {@code cassandra.pool.retries}, {@code cassandra.pool.servers.marked.down} and {@code .up}, each tagged
 *       {@code server} ({@code host:port}), for every server the pool knows; a server that appears later (a new
 *       server list, a node that ring discovery finds) gets its meters when it appears;</li>
 *   <li>counters {@code cassandra.pool.at.max} (check-outs that found the pool at its maximum),
 *       {@code cassandra.pool.timeouts} (check-outs that gave up after {@code poolTimeout}),
 *       {@code cassandra.pool.servers.added} and {@code .removed} (by ring discovery), and
 *       {@code cassandra.pool.operations.routed} tagged {@code replica=true|false} (calls about a row key, run on a
 *       connection to a replica of it or not).</li>
 * </ul>
 *
 * <p>The binder may be bound to several registries. {@link #close()} removes its meters from them; closing the pool
 * does so too. Binding adds a listener to the pool that receives the timings of check-outs (a clock read each) and
 * the rare events that change the server list, nothing else.
 *
 * <pre>{@code
 * ConnectionPoolMetrics metrics = new ConnectionPoolMetrics(pool);
 * metrics.bindTo(registry);   // every meter, at once
 * }</pre>
 */
public final class ConnectionPoolMetrics implements MeterBinder, AutoCloseable {

    private static final String PREFIX = "cassandra.pool.";
    private static final String ROUTED = "Calls about a row key, by whether they ran on a connection to a replica of it";

    /** A counter of every server: its name after the prefix, its description, and the count it reads. */
    private record ServerCounter(String name, String description, ToDoubleFunction<ServerStatistics> count) {
    }

    private static final List<ServerCounter> SERVER_COUNTERS = List.of(
            new ServerCounter("connections.created", "Connections opened", ServerStatistics::connectionsCreated),
            new ServerCounter("connections.disposed", "Connections closed", ServerStatistics::connectionsDisposed),
            new ServerCounter("connections.recycled", "Connections replaced after recycle operations",
                    ServerStatistics::connectionsRecycled),
            new ServerCounter("connections.failed", "Failed connects and failed operations on a connection",
                    ServerStatistics::connectionsFailed),
            new ServerCounter("retries", "Data operations that failed on the server and were retried",
                    ServerStatistics::operationsRetried),
            new ServerCounter("servers.marked.down", "Times the server was marked down",
                    ServerStatistics::markedDown),
            new ServerCounter("servers.marked.up", "Times the server, marked down, answered again",
                    ServerStatistics::markedUp));

    private final ConnectionPool pool;
    private final Tags tags;
    /** One per registry; replaced as a whole, so that the check-out path reads it without a lock. */
    private volatile Binding[] bindings = new Binding[0];
    private boolean listening;
    private boolean closed;

    /**
     * Creates the binder of {@code pool}, whose meters are tagged {@code pool} with its logging name.
     *
     * @param pool the pool to observe
     */
    public ConnectionPoolMetrics(ConnectionPool pool) {
        this(pool, Tags.empty());
    }

    /**
     * Creates the binder of {@code pool}.
     *
     * @param pool the pool to observe
     * @param tags tags added to every meter; a {@code pool} tag among them replaces the default, the pool's logging
     *     name (Spring Boot's starter tags each pool with its bean name)
     */
    public ConnectionPoolMetrics(ConnectionPool pool, Iterable<Tag> tags) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.tags = Tags.of("pool", pool.loggingName()).and(tags);
    }

    /** Registers every meter of the pool, and of each server it knows, with {@code registry}. */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (closed || pool.isClosed()) {
            return;
        }
        Binding binding = new Binding(registry);
        binding.bindPool();
        binding.bindNewServers();
        Binding[] grown = Arrays.copyOf(bindings, bindings.length + 1);
        grown[bindings.length] = binding;
        bindings = grown;
        if (!listening) {
            listening = true;
            pool.addListener(new PoolChanges());
        }
    }

    /** Removes every meter this binder registered, from every registry; it registers none after. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Binding binding : bindings) {
            binding.remove();
        }
        bindings = new Binding[0];
    }

    private synchronized void serversChanged() {
        for (Binding binding : bindings) {
            binding.bindNewServers();
        }
    }

    /** The meters of one registry. */
    private final class Binding {

        private final MeterRegistry registry;
        private final List<Meter> meters = new ArrayList<>();
        private final Set<String> servers = new HashSet<>();
        private Timer acquire;
        private Timer usage;

        Binding(MeterRegistry registry) {
            this.registry = registry;
        }

        void bindPool() {
            gauge("connections.active", "Connections checked out", ConnectionPool::checkedOut);
            gauge("connections.idle", "Connections idle in the pool", ConnectionPool::checkedIn);
            gauge("connections.overflow", "Open connections beyond pool-size", ConnectionPool::overflow);
            gauge("connections.max", "Most connections open at once: pool-size + max-overflow",
                    ConnectionPool::maxConnections);
            gauge("connections.pending", "Threads waiting for a connection", ConnectionPool::pending);
            serversGauge("up", true);
            serversGauge("down", false);
            acquire = add(Timer.builder(PREFIX + "connections.acquire")
                    .description("Time to check a connection out, waiting and connecting included")
                    .tags(tags).register(registry));
            usage = add(Timer.builder(PREFIX + "connections.usage")
                    .description("Time a connection was checked out").tags(tags).register(registry));
            PoolStatistics statistics = pool.statistics();
            counter("at.max", Tags.empty(), "Check-outs that found every connection in use and no room to open one",
                    statistics, PoolStatistics::checkoutsAtMax);
            counter("timeouts", Tags.empty(), "Check-outs that gave up after pool-timeout", statistics,
                    PoolStatistics::checkoutTimeouts);
            counter("servers.added", Tags.empty(), "Servers that ring discovery found and the pool connects to",
                    statistics, PoolStatistics::serversAdded);
            counter("servers.removed", Tags.empty(), "Servers that left the ring", statistics,
                    PoolStatistics::serversRemoved);
            counter("operations.routed", Tags.of("replica", "true"), ROUTED, statistics,
                    PoolStatistics::routedToReplica);
            counter("operations.routed", Tags.of("replica", "false"), ROUTED, statistics,
                    PoolStatistics::routedElsewhere);
        }

        /** Registers the meters of each server the pool knows that has none here yet. */
        void bindNewServers() {
            for (ServerStatistics server : pool.statistics().servers()) {
                if (servers.add(server.address())) {
                    bindServer(server);
                }
            }
        }

        private void bindServer(ServerStatistics server) {
            for (ServerCounter counter : SERVER_COUNTERS) {
                counter(counter.name(), Tags.of("server", server.address()), counter.description(), server,
                        counter.count());
            }
        }

        private void gauge(String name, String description, ToDoubleFunction<ConnectionPool> value) {
            add(Gauge.builder(PREFIX + name, pool, value).description(description).tags(tags).register(registry));
        }

        private void serversGauge(String state, boolean up) {
            add(Gauge.builder(PREFIX + "servers", pool, pool -> countServers(pool, up))
                    .description("Servers the pool connects to, by state: up, or marked down")
                    .tags(tags).tag("state", state).register(registry));
        }

        private <T> void counter(String name, Tags extraTags, String description, T counts,
                                 ToDoubleFunction<T> count) {
            add(FunctionCounter.builder(PREFIX + name, counts, count).description(description).tags(tags)
                    .tags(extraTags).register(registry));
        }

        private <M extends Meter> M add(M meter) {
            meters.add(meter);
            return meter;
        }

        void remove() {
            meters.forEach(registry::remove);
        }
    }

    private static double countServers(ConnectionPool pool, boolean up) {
        return pool.serverStatuses().stream().filter(server -> server.up() == up).count();
    }

    /**
     * What the binder hears from the pool: check-out timings, server lists and ring nodes that may bring new servers,
     * and the pool's end. Offered no other event ({@code PoolListener} explains why).
     */
    private final class PoolChanges implements PoolTimingListener {

        @Override
        public void connectionAcquired(ConnectionWrapper connection, long acquireNanos) {
            for (Binding binding : bindings) {
                binding.acquire.record(acquireNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void connectionReleased(ConnectionWrapper connection, long usageNanos) {
            for (Binding binding : bindings) {
                binding.usage.record(usageNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void serverListObtained(PoolEvent event) {
            serversChanged();
        }

        @Override
        public void serverAdded(PoolEvent event) {
            serversChanged();
        }

        @Override
        public void poolDisposed(PoolEvent event) {
            if (pool.isClosed()) {
                close();
            }
        }

        @Override
        public String toString() {
            return "ConnectionPoolMetrics" + tags;
        }
    }
}
