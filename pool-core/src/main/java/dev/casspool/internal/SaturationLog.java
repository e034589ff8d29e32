package dev.casspool.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a pool's saturation as episodes rather than per request: one INFO line when check-outs start to wait because
 * every connection is out, a summary with counts every {@value #SUMMARY_SECONDS} s while it lasts, and one when it
 * ends. pycassa logs every waiting check-out at INFO; a saturated pool then writes thousands of identical lines a
 * second (54 MB in four minutes of the soak test), and the logging costs each waiting thread more than its wait's
 * hand-over. The per-request {@code poolAtMax} event still reaches listeners, and the log at DEBUG.
 *
 * <p>{@link #waited()} and {@link #timedOut()} are called on the waiting path; {@link #tick(int)} by the pool's
 * housekeeper, once a second.
 */
public final class SaturationLog {

    /** Seconds between summaries while a pool stays saturated. */
    static final int SUMMARY_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(PoolEvents.LOGGER_NAME);

    private final String poolName;
    private final int maxConnections;
    private final LongAdder waits = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final AtomicBoolean saturated = new AtomicBoolean();
    // Housekeeper state: the counts when the last episode ended and at the last summary, the waits at the last tick,
    // and the ticks of the episode so far.
    private long endedWaits;
    private long endedTimeouts;
    private long summaryWaits;
    private long summaryTimeouts;
    private long lastTickWaits;
    private int ticks;

    /** Creates the log of pool {@code poolName}, whose maximum is {@code maxConnections}. */
    public SaturationLog(String poolName, int maxConnections) {
        this.poolName = poolName;
        this.maxConnections = maxConnections;
    }

    /** A check-out found every connection out and no room for another: it waits. */
    public void waited() {
        waits.increment();
        if (!saturated.get() && saturated.compareAndSet(false, true)) {
            log.info("Pool {} is at its maximum of {} connections: check-outs wait for a connection to come back"
                    + " (each wait is logged at DEBUG; summaries follow)", poolName, maxConnections);
        }
    }

    /** A waiting check-out gave up after {@code poolTimeout}. */
    public void timedOut() {
        timeouts.increment();
    }

    /**
     * Ends the episode when nobody waits and no check-out started to wait since the last tick, or logs a summary
     * every {@value #SUMMARY_SECONDS} s while it lasts.
     *
     * @param pending how many threads wait for a connection now
     */
    public void tick(int pending) {
        long allWaits = waits.sum();
        boolean quiet = pending == 0 && allWaits == lastTickWaits;
        lastTickWaits = allWaits;
        if (!saturated.get()) {
            return;
        }
        long allTimeouts = timeouts.sum();
        if (ticks++ == 0) {
            summaryWaits = endedWaits;
            summaryTimeouts = endedTimeouts;
        }
        if (quiet) {
            saturated.set(false);
            log.info("Pool {} is below its maximum again after about {} s: {} check-outs waited, {} of them gave up"
                    + " after poolTimeout", poolName, ticks, allWaits - endedWaits, allTimeouts - endedTimeouts);
            endedWaits = allWaits;
            endedTimeouts = allTimeouts;
            ticks = 0;
        } else if (ticks % SUMMARY_SECONDS == 0) {
            log.info("Pool {} is still at its maximum of {} connections: {} check-outs waited in the last {} s, {} of"
                    + " them gave up after poolTimeout; {} waiting now", poolName, maxConnections,
                    allWaits - summaryWaits, SUMMARY_SECONDS, allTimeouts - summaryTimeouts, pending);
            summaryWaits = allWaits;
            summaryTimeouts = allTimeouts;
        }
    }
}
