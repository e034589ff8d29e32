package dev.casspool.internal;

import dev.casspool.PoolEvent;
import dev.casspool.PoolEventType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps storms of failures readable in the log. The first {@code connectionFailed} or {@code operationRetried} event
 * of a server is logged at its level, as pycassa logs every one; the ones that follow it are logged at DEBUG and
 * counted, and while they go on a summary with their counts and the last failure is logged at INFO every
 * {@value #SUMMARY_SECONDS} s. A {@value #SUMMARY_SECONDS} s without one ends the storm: the next is logged at its
 * level again. A node that is down, or a cluster that answers every call with Unavailable, otherwise makes every
 * caller's every attempt write a line, two when it is retried. Listeners still receive every event.
 *
 * <p>{@link #level} is called as events fire, on any thread; {@link #tick()} by the pool's housekeeper, once a second.
 */
public final class FailureLog {

    /** Seconds between summaries of a storm. */
    static final int SUMMARY_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(PoolEvents.LOGGER_NAME);

    private final String poolName;
    /** The storms going on, by server. */
    private final Map<String, Storm> storms = new ConcurrentHashMap<>();
    private int ticks;

    /** Creates the log of pool {@code poolName}. */
    public FailureLog(String poolName) {
        this.poolName = poolName;
    }

    /** Whether events of {@code type} come in storms that this log thins out. */
    public static boolean thinsOut(PoolEventType type) {
        return type == PoolEventType.CONNECTION_FAILED || type == PoolEventType.OPERATION_RETRIED;
    }

    /**
     * The level to log {@code event} at (one of a type that {@link #thinsOut}): its own for the first of its server's
     * storm, DEBUG for the rest, which are counted for the summary.
     */
    public PoolEvent.Level level(PoolEvent event) {
        Storm storm = storms.computeIfAbsent(event.server(), server -> new Storm());
        return storm.add(event) ? event.level() : PoolEvent.Level.DEBUG;
    }

    /** Every {@value #SUMMARY_SECONDS} s, logs a summary of each storm that went on, and ends those that stopped. */
    public void tick() {
        if (++ticks % SUMMARY_SECONDS != 0) {
            return;
        }
        storms.forEach((server, storm) -> {
            long failed = storm.failed.getAndSet(0);
            long retried = storm.retried.getAndSet(0);
            if (failed + retried == 0) {
                storms.remove(server, storm);
            } else {
                log.info("Pool {}: {} more connects or operations failed on {} in the last {} s, and"
                        + " {} operations were retried on another server (each is logged at DEBUG); the last failure:"
                        + " {}", poolName, failed, server, SUMMARY_SECONDS, retried, storm.lastFailure);
            }
        });
    }

    /** The failures on one server since the first of them was logged. */
    private static final class Storm {

        private final AtomicBoolean logged = new AtomicBoolean();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong retried = new AtomicLong();
        private volatile String lastFailure;

        /** Records a failure or a retry; true for the storm's first, which is logged at its level. */
        boolean add(PoolEvent event) {
            lastFailure = Failures.describe(event.error());
            if (!logged.get() && logged.compareAndSet(false, true)) {
                return true;
            }
            (event.type() == PoolEventType.CONNECTION_FAILED ? failed : retried).incrementAndGet();
            return false;
        }
    }
}
