package dev.casspool.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link System#nanoTime()} that is at most {@value #TICK_MILLIS} ms old, for the get/put path: reading it is a
 * volatile read, where {@code System.nanoTime()} costs about 25 ns, as much as a whole warm check-out. Good enough for
 * idle and lifetime limits measured in seconds. One daemon thread per JVM keeps it current.
 */
public final class CoarseClock {

    static final long TICK_MILLIS = 20;

    private static volatile long now = System.nanoTime();

    static {
        Thread ticker = new Thread(CoarseClock::tick, "casspool-coarse-clock");
        ticker.setDaemon(true);
        ticker.start();
    }

    private CoarseClock() {
    }

    /** The time of the last tick, on {@link System#nanoTime()}'s scale. */
    public static long nanoTime() {
        return now;
    }

    private static void tick() {
        long tick = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        while (true) {
            LockSupport.parkNanos(tick);
            now = System.nanoTime();
        }
    }
}
