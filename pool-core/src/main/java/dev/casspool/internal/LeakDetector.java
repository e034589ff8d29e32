package dev.casspool.internal;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns once when a connection stays checked out longer than the pool's {@code leakDetectionThreshold}, with the
 * stack trace of the get that took it (as HikariCP does), and tells when such a connection comes back after all.
 * Costs a stack trace and a scheduled task per check-out, so a pool has one only when a threshold is set.
 */
public final class LeakDetector {

    private static final Logger log = LoggerFactory.getLogger(PoolEvents.LOGGER_NAME);

    private final String poolName;
    private final Housekeeper housekeeper;
    private final Duration threshold;

    /**
     * Creates a detector.
     *
     * @param poolName named in warnings
     * @param housekeeper runs the checks
     * @param threshold how long a check-out may last before it is reported
     */
    public LeakDetector(String poolName, Housekeeper housekeeper, Duration threshold) {
        this.poolName = poolName;
        this.housekeeper = housekeeper;
        this.threshold = threshold;
    }

    /** Starts watching a check-out that is happening now, on the thread that checks out. */
    public void checkedOut(PoolEntry entry) {
        long checkout = entry.checkout();
        Exception taken = new Exception("Stack trace of the get() that checked out the connection");
        try {
            entry.leakCheck(housekeeper.schedule(() -> check(entry, checkout, taken), threshold.toNanos()));
        } catch (RejectedExecutionException poolClosed) {
            // No detection once the pool is closed.
        }
    }

    /** Stops watching a check-out that ends now. */
    public void checkedIn(PoolEntry entry) {
        Future<?> check = entry.leakCheck();
        if (check == null) {
            return;
        }
        check.cancel(false);
        entry.leakCheck(null);
        if (entry.leakReported()) {
            entry.leakReported(false);
            log.info("Connection {} of pool {}, reported as a possible leak, came back after all", entry.handle(),
                    poolName);
        }
    }

    private void check(PoolEntry entry, long checkout, Exception taken) {
        if (entry.inUseBy(checkout)) {
            entry.leakReported(true);
            log.warn("Possible connection leak: connection {} of pool {} to server {} has been checked out for more"
                    + " than {} ms (leakDetectionThreshold)", entry.handle(), poolName,
                    entry.connection().server(), TimeUnit.NANOSECONDS.toMillis(threshold.toNanos()), taken);
        }
    }
}
