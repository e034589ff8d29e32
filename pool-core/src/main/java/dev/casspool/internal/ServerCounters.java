package dev.casspool.internal;

import dev.casspool.ServerStatistics;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cumulative counts of one {@link Server}: written where each thing happens (none on the check-out path), read by
 * monitoring through {@link ServerStatistics}.
 */
public final class ServerCounters implements ServerStatistics {

    private final String address;
    private final LongAdder created = new LongAdder();
    private final LongAdder disposed = new LongAdder();
    private final LongAdder recycled = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder markedDown = new LongAdder();
    private final LongAdder markedUp = new LongAdder();

    ServerCounters(String address) {
        this.address = address;
    }

    void countCreated() {
        created.increment();
    }

    void countDisposed() {
        disposed.increment();
    }

    void countRecycled() {
        recycled.increment();
    }

    void countFailed() {
        failed.increment();
    }

    void countRetried() {
        retried.increment();
    }

    void countMarkedDown() {
        markedDown.increment();
    }

    void countMarkedUp() {
        markedUp.increment();
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public long connectionsCreated() {
        return created.sum();
    }

    @Override
    public long connectionsDisposed() {
        return disposed.sum();
    }

    @Override
    public long connectionsRecycled() {
        return recycled.sum();
    }

    @Override
    public long connectionsFailed() {
        return failed.sum();
    }

    @Override
    public long operationsRetried() {
        return retried.sum();
    }

    @Override
    public long markedDown() {
        return markedDown.sum();
    }

    @Override
    public long markedUp() {
        return markedUp.sum();
    }

    @Override
    public String toString() {
        return "ServerStatistics[" + address + ": created=" + created + ", disposed=" + disposed + ", recycled="
                + recycled + ", failed=" + failed + ", retried=" + retried + ", markedDown=" + markedDown
                + ", markedUp=" + markedUp + "]";
    }
}
