package dev.casspool.benchmarks.micro;

import java.time.Duration;

/**
 * How big a pool under test is, given the same way to every pool.
 *
 * @param size connections kept open and idle (casspool's {@code poolSize}, commons-pool2's {@code maxIdle})
 * @param maxOverflow extra connections opened when all are checked out and closed when they come back
 * @param waitTimeout how long a check-out waits for a connection when the pool is at its maximum
 */
public record PoolShape(int size, int maxOverflow, Duration waitTimeout) {

    /** The wait timeout of every shape: long enough that no benchmark ever times out. */
    public static final Duration WAIT_TIMEOUT = Duration.ofSeconds(30);

    /** A pool of {@code size} connections and no overflow. */
    public static PoolShape fixed(int size) {
        return new PoolShape(size, 0, WAIT_TIMEOUT);
    }

    /** A pool of {@code size} connections that may open {@code maxOverflow} more. */
    public static PoolShape overflowing(int size, int maxOverflow) {
        return new PoolShape(size, maxOverflow, WAIT_TIMEOUT);
    }
}
