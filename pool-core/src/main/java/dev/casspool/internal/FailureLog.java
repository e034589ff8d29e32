package dev.casspool.internal;

import dev.casspool.PoolEvent;
import dev.casspool.PoolEventType;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps storms of failures readable in the log. The first {@code connectionFailed} or {@code operationRetried} event
 * of a server is logged at its level, as pycassa logs every one; the ones that follow it are logged at DEBUG and
 * counted, and while they go on a summary with their count and the last failure is logged at the first one's level
 * every {@value #SUMMARY_SECONDS} s. A {@value #SUMMARY_SECONDS} s without one ends the storm: the next is logged at its
 * level again. A node that is down, or a cluster that answers every call with Unavailable, otherwise makes every
 * caller's every attempt write a line. Listeners still receive every event.
 *
 * <p>{@link #level} is called as events fire, on any thread; {@link #tick()} by the pool's housekeeper, once a second.
 */
public final class FailureLog {

    /** Seconds between summaries of a storm. */
    static final int SUMMARY_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(PoolEvents.LOGGER_NAME);

    private final String poolName;
    /** The storms going on, by type of event and server. */
    private final Map<PoolEventType, Map<String, Storm>> storms = new EnumMap<>(PoolEventType.class);
    private int ticks;

    /** Creates the log of pool {@code poolName}. */
    public FailureLog(String poolName) {
        this.poolName = poolName;
        storms.put(PoolEventType.CONNECTION_FAILED, new ConcurrentHashMap<>());
        storms.put(PoolEventType.OPERATION_RETRIED, new ConcurrentHashMap<>());
    }

    /** Whether events of {@code type} come in storms that this log thins out. */
    public static boolean thinsOut(PoolEventType type) {
        return type == PoolEventType.CONNECTION_FAILED || type == PoolEventType.OPERATION_RETRIED;
    }

    /**
     * The level to log {@code event} at (one of a type that {@link #thinsOut}): its own for the first of a storm, DEBUG
     * for the rest, which are counted for the summary.
     */
    public PoolEvent.Level level(PoolEvent event) {
        Storm storm = storms.get(event.type()).computeIfAbsent(event.server(), server -> new Storm());
        return storm.add(Failures.describe(event.error())) ? event.level() : PoolEvent.Level.DEBUG;
    }

    /** Every {@value #SUMMARY_SECONDS} s, logs a summary of each storm that went on, and ends those that stopped. */
    public void tick() {
        if (++ticks % SUMMARY_SECONDS != 0) {
            return;
        }
        storms.forEach((type, byServer) -> byServer.forEach((server, storm) -> {
            long more = storm.repeats.getAndSet(0);
            if (more == 0) {
                byServer.remove(server, storm);
            } else {
                log.atLevel(PoolEventLog.slf4jLevel(type.level())).log(summary(type, server, more,
                        storm.lastFailure));
            }
        }));
    }

    private String summary(PoolEventType type, String server, long more, String lastFailure) {
        String what = type == PoolEventType.CONNECTION_FAILED ? "more connects or operations failed on"
                : "more operations were retried after failing on";
        return "Pool " + poolName + ": " + more + " " + what + " " + server + " in the last " + SUMMARY_SECONDS
                + " s (each is logged at DEBUG); the last failure: " + lastFailure;
    }

    /** The failures of one type on one server since the first of them was logged. */
    private static final class Storm {

        private final AtomicLong repeats = new AtomicLong(-1);
        private volatile String lastFailure;

        /** Counts a failure; true for the first, which is logged at its level. */
        boolean add(String failure) {
            lastFailure = failure;
            return repeats.incrementAndGet() == 0;
        }
    }
}
