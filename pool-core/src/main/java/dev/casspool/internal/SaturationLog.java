package dev.casspool.internal;

import dev.casspool.PoolStatistics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Logs a pool's saturation as episodes rather than per request: one INFO line when check-outs start to wait because
 * every connection is out, one WARN line when the first of them gives up after {@code poolTimeout}, a summary with
 * counts every {@value #SUMMARY_SECONDS} s while it lasts (at WARN when check-outs gave up), and one when it ends.
 * pycassa logs every waiting check-out at INFO; a saturated pool then writes thousands of identical lines a second
 * (54 MB in four minutes of the soak test), and the logging costs each waiting thread more than its wait's hand-over;
 * one that stays saturated would add a WARN line per check-out that gives up. The per-request {@code poolAtMax} and
 * {@code noConnectionAvailable} events still reach listeners, and the log at DEBUG.
 *
 * <p>The counts are the pool's own ({@link PoolCounters}). {@link #waited()} and {@link #timedOut()} are called on
 * the waiting path; {@link #tick(int)} by the pool's housekeeper, once a second.
 */
public final class SaturationLog {

    /** Seconds between summaries while a pool stays saturated. */
    static final int SUMMARY_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(PoolEvents.LOGGER_NAME);

    private final String poolName;
    private final int maxConnections;
    private final Duration poolTimeout;
    private final PoolStatistics counts;
    private final AtomicBoolean saturated = new AtomicBoolean();
    private final AtomicBoolean gaveUp = new AtomicBoolean();
    // Housekeeper state: the counts when the last episode ended and at the last summary, the waits at the last tick,
    // and the ticks of the episode so far.
    private long endedWaits;
    private long endedTimeouts;
    private long summaryWaits;
    private long summaryTimeouts;
    private long lastTickWaits;
    private int ticks;

    /**
     * Creates the log of pool {@code poolName}.
     *
     * @param maxConnections the pool's maximum
     * @param poolTimeout how long a check-out waits at the maximum
     * @param counts the pool's counts of check-outs at its maximum and of those that gave up
     */
    public SaturationLog(String poolName, int maxConnections, Duration poolTimeout, PoolStatistics counts) {
        this.poolName = poolName;
        this.maxConnections = maxConnections;
        this.poolTimeout = poolTimeout;
        this.counts = counts;
    }

    /** A check-out found every connection out and no room for another: it waits. */
    public void waited() {
        if (!saturated.get() && saturated.compareAndSet(false, true)) {
            log.info("Pool {} is at its maximum of {} connections: check-outs wait for a connection to come back"
                    + " (each wait is logged at DEBUG; summaries follow)", poolName, maxConnections);
        }
    }

    /** A waiting check-out gave up after {@code poolTimeout}. */
    public void timedOut() {
        if (!gaveUp.get() && gaveUp.compareAndSet(false, true)) {
            log.warn("Pool {}: check-outs give up after poolTimeout {}, every one of its {} connections staying checked"
                    + " out (NoConnectionAvailableException; each is logged at DEBUG; summaries follow)", poolName,
                    poolTimeout, maxConnections);
        }
    }

    /**
     * Ends the episode when nobody waits and no check-out started to wait since the last tick, or logs a summary
     * every {@value #SUMMARY_SECONDS} s while it lasts.
     *
     * @param pending how many threads wait for a connection now
     */
    public void tick(int pending) {
        long allWaits = counts.checkoutsAtMax();
        boolean quiet = pending == 0 && allWaits == lastTickWaits;
        lastTickWaits = allWaits;
        if (!saturated.get()) {
            return;
        }
        long allTimeouts = counts.checkoutTimeouts();
        if (ticks++ == 0) {
            summaryWaits = endedWaits;
            summaryTimeouts = endedTimeouts;
        }
        if (quiet) {
            saturated.set(false);
            gaveUp.set(false);
            log.info("Pool {} is below its maximum again after about {} s: {} check-outs waited, {} of them gave up"
                    + " after poolTimeout", poolName, ticks, allWaits - endedWaits, allTimeouts - endedTimeouts);
            endedWaits = allWaits;
            endedTimeouts = allTimeouts;
            ticks = 0;
        } else if (ticks % SUMMARY_SECONDS == 0) {
            long gaveUpNow = allTimeouts - summaryTimeouts;
            log.atLevel(gaveUpNow > 0 ? Level.WARN : Level.INFO).log("Pool {} is still at its maximum of {}"
                    + " connections: {} check-outs waited in the last {} s, {} of them gave up after poolTimeout; {}"
                    + " waiting now", poolName, maxConnections, allWaits - summaryWaits, SUMMARY_SECONDS, gaveUpNow,
                    pending);
            summaryWaits = allWaits;
            summaryTimeouts = allTimeouts;
        }
    }
}
