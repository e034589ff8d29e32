package dev.casspool.autoconfigure.metrics;

import dev.casspool.ConnectionWrapper;
import dev.casspool.PoolEvent;
import dev.casspool.PoolTimingListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.concurrent.TimeUnit;

/** Records one pool's events into one registry: the timers and counters of {@link ConnectionPoolMetrics}. */
final class PoolEventMeters implements PoolTimingListener {

    private final Timer acquire;
    private final Timer usage;
    private final Counter atMax;
    private final Counter timeouts;
    private final Meter.MeterProvider<Counter> created;
    private final Meter.MeterProvider<Counter> disposed;
    private final Meter.MeterProvider<Counter> recycled;
    private final Meter.MeterProvider<Counter> failed;
    private final Meter.MeterProvider<Counter> retries;
    private final Meter.MeterProvider<Counter> markedDown;
    private final Meter.MeterProvider<Counter> markedUp;

    PoolEventMeters(MeterRegistry registry, Tags tags) {
        acquire = Timer.builder("cassandra.pool.connections.acquire")
                .description("Time to check a connection out, waiting and connecting included")
                .tags(tags).register(registry);
        usage = Timer.builder("cassandra.pool.connections.usage")
                .description("Time a connection was checked out")
                .tags(tags).register(registry);
        atMax = Counter.builder("cassandra.pool.at.max")
                .description("Check-outs that found every connection in use and no room to open one")
                .baseUnit(BaseUnits.EVENTS).tags(tags).register(registry);
        timeouts = Counter.builder("cassandra.pool.timeouts")
                .description("Check-outs that gave up after pool-timeout (NoConnectionAvailableException)")
                .baseUnit(BaseUnits.EVENTS).tags(tags).register(registry);
        created = perServer(registry, tags, "cassandra.pool.connections.created", "Connections opened");
        disposed = perServer(registry, tags, "cassandra.pool.connections.disposed", "Connections closed");
        recycled = perServer(registry, tags, "cassandra.pool.connections.recycled",
                "Connections replaced after recycle operations");
        failed = perServer(registry, tags, "cassandra.pool.connections.failed",
                "Failed connects and failed operations on a connection");
        retries = perServer(registry, tags, "cassandra.pool.retries",
                "Data operations retried on another server after a failure");
        markedDown = perServer(registry, tags, "cassandra.pool.servers.marked.down",
                "Times a server was marked down after a failed connect or transport failure");
        markedUp = perServer(registry, tags, "cassandra.pool.servers.marked.up",
                "Times a server marked down answered again");
    }

    private static Meter.MeterProvider<Counter> perServer(MeterRegistry registry, Tags tags, String name,
                                                          String description) {
        return Counter.builder(name).description(description).baseUnit(BaseUnits.EVENTS).tags(tags)
                .withRegistry(registry);
    }

    @Override
    public void connectionAcquired(ConnectionWrapper connection, long acquireNanos) {
        acquire.record(acquireNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void connectionReleased(ConnectionWrapper connection, long usageNanos) {
        usage.record(usageNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void connectionCreated(PoolEvent event) {
        created.withTag("server", event.connection().server()).increment();
    }

    @Override
    public void connectionDisposed(PoolEvent event) {
        disposed.withTag("server", event.connection().server()).increment();
    }

    @Override
    public void connectionRecycled(PoolEvent event) {
        recycled.withTag("server", event.oldConnection().server()).increment();
    }

    @Override
    public void connectionFailed(PoolEvent event) {
        failed.withTag("server", event.server()).increment();
    }

    @Override
    public void operationRetried(PoolEvent event) {
        retries.withTag("server", event.server()).increment();
    }

    @Override
    public void serverMarkedDown(PoolEvent event) {
        markedDown.withTag("server", event.server()).increment();
    }

    @Override
    public void serverMarkedUp(PoolEvent event) {
        markedUp.withTag("server", event.server()).increment();
    }

    @Override
    public void poolAtMax(PoolEvent event) {
        atMax.increment();
    }

    @Override
    public void noConnectionAvailable(PoolEvent event) {
        timeouts.increment();
    }
}
