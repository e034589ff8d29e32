package dev.casspool.internal;

import java.util.concurrent.TimeUnit;

/**
 * Marks the entries that must be looked at before they are used again ({@link PoolEntry#due()}): those past their
 * {@code maxLifetime}, and idle ones that have idled {@code validateAfterIdle}. It also notes when each entry came
 * back to the pool ({@link PoolEntry#lastUsed()}), for {@code validateAfterIdle} and {@code idleTimeout}.
 *
 * <p>It runs on the pool's housekeeper every {@value #TICK_MILLIS} ms, so that check-outs and check-ins read no clock
 * and write no time: a warm check-out takes an entry that is not due and hands it out (the mark is in the word its
 * compare-and-set reads anyway), a check-in looks at the lifetime only of an entry marked due. A clock read on each
 * check-out and a time written on each check-in were one of the chains of loads and stores that the warm path waits
 * on ({@code System.nanoTime()} itself costs about 25 ns; the pool read a coarse clock that the housekeeper ticked).
 * Limits measured in seconds do not need more than a tick's precision: an entry is marked within a tick of reaching
 * its lifetime, and counts as idle from the tick before it was first seen idle, which errs toward validating a little
 * early, never late by more than a tick.
 */
final class LifetimeWatch {

    /** How often the watch looks at every entry. */
    static final long TICK_MILLIS = 20;

    private final ConnectionBag bag;
    private final LifetimePolicy lifetimes;
    /** When the watch last looked; only its own (the housekeeper's) thread reads and writes it. */
    private long previousTick;

    /** Watches the entries of {@code bag} under {@code lifetimes}; {@link #start} sets it going. */
    LifetimeWatch(ConnectionBag bag, LifetimePolicy lifetimes, long now) {
        this.bag = bag;
        this.lifetimes = lifetimes;
        this.previousTick = now;
    }

    /** Looks at every entry every {@value #TICK_MILLIS} ms on {@code housekeeper}, until it shuts down. */
    void start(Housekeeper housekeeper) {
        housekeeper.every(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS), () -> tick(System.nanoTime()));
    }

    /** Looks at every entry at {@code now} ({@link System#nanoTime()}): notes returns, marks entries due. */
    void tick(long now) {
        bag.forEach(entry -> watch(entry, now));
        previousTick = now;
    }

    private void watch(PoolEntry entry, long now) {
        long seen = entry.watch(previousTick);
        int state = PoolEntry.state(seen);
        if (state == PoolEntry.IN_USE || state == PoolEntry.IDLE) {
            if (lifetimes.expired(entry, now)
                    || state == PoolEntry.IDLE && lifetimes.needsValidation(entry, now)) {
                entry.markDue(seen);
            }
        }
    }
}
