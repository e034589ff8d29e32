package dev.casspool.internal;

import java.util.concurrent.TimeUnit;

/**
 * A {@link System#nanoTime()} that is at most about {@value #TICK_MILLIS} ms old, for the get/put path: reading it is a
 * volatile read, where {@code System.nanoTime()} costs about 25 ns, as much as a whole warm check-out. Good enough for
 * idle and lifetime limits measured in seconds. The pool's housekeeper keeps it current, so that nothing outlives
 * the pool (a clock thread of its own per JVM would keep the class loader that loaded it).
 */
public final class CoarseClock {

    /** How often the housekeeper ticks the clock. */
    static final long TICK_MILLIS = 20;

    private volatile long now = System.nanoTime();

    /** Ticks this clock on {@code housekeeper} every {@value #TICK_MILLIS} ms, until it shuts down. */
    public CoarseClock(Housekeeper housekeeper) {
        housekeeper.every(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS), this::tick);
    }

    /** The time of the last tick, on {@link System#nanoTime()}'s scale. */
    public long now() {
        return now;
    }

    private void tick() {
        now = System.nanoTime();
    }
}
