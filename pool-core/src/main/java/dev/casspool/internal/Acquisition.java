package dev.casspool.internal;

import dev.casspool.NoConnectionAvailableException;
import dev.casspool.PoolException;
import java.time.Duration;
import java.util.List;
import org.apache.thrift.TException;

/**
 * Finds the connection for a check-out: a new one while the pool grows to {@code poolSize}, an idle one fit to hand
 * out (within its lifetime, and validated after {@code validateAfterIdle}), one to a replica of a row key for a
 * token-aware call, a new overflow one, or the first to come back within {@code poolTimeout}.
 */
final class Acquisition {

    private final String name;
    private final PoolSettings settings;
    private final PoolEngine engine;
    private final ConnectionBag bag;
    private final LifetimePolicy lifetimes;
    private final SaturationLog saturation;
    private final PoolEvents events;

    Acquisition(String name, PoolSettings settings, PoolEngine engine, ConnectionBag bag, LifetimePolicy lifetimes,
                SaturationLog saturation, PoolEvents events) {
        this.name = name;
        this.settings = settings;
        this.engine = engine;
        this.bag = bag;
        this.lifetimes = lifetimes;
        this.saturation = saturation;
        this.events = events;
    }

    /**
     * Checks out a connection: a new one while the pool is below {@code poolSize} (as pycassa grows, which spreads
     * connections over the servers), else an idle one, else a new one while there is overflow room, else the first
     * to come back within {@code poolTimeout}.
     */
    PoolEntry acquire(int[] local) {
        if (engine.taken() < settings.poolSize()) {
            PoolEntry opened = engine.tryOpen(settings.poolSize());
            if (opened != null) {
                return opened;
            }
        }
        // Also while others wait, unless their line has stalled (see WaitLine): a thread that checks in and at
        // once out again keeps running.
        PoolEntry idle = takeIdle(local, true);
        if (idle != null) {
            return idle;
        }
        PoolEntry overflow = engine.tryOpen(settings.maxConnections());
        return overflow != null ? overflow : await();
    }

    /**
     * Checks out a connection for a call about one row key: an idle connection to one of {@code replicas} (the first
     * preferred), else a new one to a replica while the pool is below {@code poolSize}, else whatever {@link #acquire}
     * gives (the coordinator forwards); never a longer wait than {@code acquire}'s.
     *
     * @param replicas the key's replicas in placement order; empty when keys are not routed
     */
    PoolEntry acquireFor(List<Server> replicas, int[] local) {
        if (replicas.isEmpty()) {
            return acquire(local);
        }
        PoolEntry entry = null;
        for (int i = 0; i < replicas.size() && entry == null; i++) {
            entry = fit(bag.takeIdleTo(replicas.get(i)), true);
        }
        if (entry == null && engine.tryTake(settings.poolSize())) {
            entry = engine.open(replicas);
            entry.checkOutReserved();
        }
        if (entry == null) {
            entry = acquire(local);
        }
        events.counters().countRouted(replicas.contains(entry.connection().server()));
        return entry;
    }

    /**
     * Checks out an idle connection that is fit to hand out: one that is not {@linkplain PoolEntry#due() due} as it
     * is, else a due one once looked at: connections past their lifetime are closed, and, when {@code validate},
     * those that idled longer than {@code validateAfterIdle} must answer {@code describe_version} first (after a
     * server restart they are dead, and are replaced one by one without failing a caller or marking the server down).
     *
     * @return the entry, or null when none is idle
     */
    PoolEntry takeIdle(int[] local, boolean validate) {
        PoolEntry entry = bag.takeIdle(local);
        if (entry != null) {
            return entry;
        }
        for (entry = bag.takeIdleEvenDue(); entry != null; entry = bag.takeIdleEvenDue()) {
            if (fit(entry, validate) != null) {
                return entry;
            }
        }
        return null;
    }

    /** The checked-out entry if it is fit to hand out, or null once it is closed because it was not. */
    private PoolEntry fit(PoolEntry entry, boolean validate) {
        if (entry == null || !entry.due()) {
            return entry;
        }
        long now = System.nanoTime();
        if (lifetimes.expired(entry, now)) {
            engine.dispose(entry, "it reached maxLifetime");
        } else if (validate && lifetimes.needsValidation(entry, now) && !answers(entry)) {
            engine.dispose(entry, "it idled and then failed validation (describe_version)");
        } else {
            entry.lookedAt();
            return entry;
        }
        return null;
    }

    private static boolean answers(PoolEntry entry) {
        try {
            entry.connection().client().describe_version();
            return true;
        } catch (TException | RuntimeException e) {
            return false;
        }
    }

    /** Waits for a connection to come back or for room to open one; the caller found the pool at its maximum. */
    private PoolEntry await() {
        saturation.waited();
        events.poolAtMax(settings.maxConnections());
        Duration poolTimeout = settings.poolTimeout();
        boolean forever = poolTimeout.isNegative();
        long deadline = System.nanoTime() + saturatedNanos(poolTimeout);
        while (true) {
            long remaining = forever ? Long.MAX_VALUE : deadline - System.nanoTime();
            PoolEntry entry;
            try {
                entry = fit(bag.borrow(remaining, true), true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PoolException("Pool " + name + ": interrupted while waiting for a connection", e);
            }
            if (entry != null && engine.isClosed()) {
                engine.dispose(entry, "pool " + name + " is closed");  // taken as close() ran: nobody else closes it
            }
            engine.ensureOpen();
            if (entry == null) {
                entry = engine.tryOpen(settings.maxConnections());
            }
            if (entry != null) {
                return entry;
            }
            if (!forever && deadline - System.nanoTime() <= 0) {
                saturation.timedOut();
                events.noConnectionAvailable(settings.maxConnections());
                throw new NoConnectionAvailableException("Pool " + name + " is at its maximum of " + settings.maxConnections()
                        + " connections (poolSize " + settings.poolSize() + ", maxOverflow " + settings.maxOverflow()
                        + "), all checked out, and none came back within poolTimeout " + poolTimeout);
            }
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
