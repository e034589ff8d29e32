package dev.casspool.internal;

import dev.casspool.PoolEvent;
import dev.casspool.PoolEventType;
import dev.casspool.PoolListener;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a pool's events to its listeners and to its log (pycassa's {@code PoolLogger}, at each event's level).
 *
 * <p>Callers ask {@link #wants} before building an event, so that a pool nobody listens to allocates nothing per
 * check-out: the listeners of each type sit in an array of their own, and the log is asked whether the level is on.
 */
public final class PoolEvents {

    private static final Logger log = LoggerFactory.getLogger("dev.casspool.ConnectionPool");
    private static final PoolEventType[] TYPES = PoolEventType.values();

    private volatile PoolListener[][] listenersByType = new PoolListener[TYPES.length][0];

    /** Adds a listener for every event type it can receive. */
    public synchronized void add(PoolListener listener) {
        Objects.requireNonNull(listener, "listener");
        PoolListener[][] next = listenersByType.clone();
        for (PoolEventType type : TYPES) {
            if (!(listener instanceof SingleEventListener single) || single.type() == type) {
                PoolListener[] current = next[type.ordinal()];
                PoolListener[] grown = Arrays.copyOf(current, current.length + 1);
                grown[current.length] = listener;
                next[type.ordinal()] = grown;
            }
        }
        listenersByType = next;
    }

    /** Whether an event of {@code type} would reach anyone: a listener, or the log at the type's level. */
    public boolean wants(PoolEventType type) {
        return listenersByType[type.ordinal()].length > 0 || logs(type.level());
    }

    /** Logs the event and calls each listener of its type in the order they were added. */
    public void fire(PoolEventType type, PoolEvent event) {
        if (logs(event.level())) {
            PoolEventLog.log(log, type, event);
        }
        for (PoolListener listener : listenersByType[type.ordinal()]) {
            try {
                type.deliver(listener, event);
            } catch (RuntimeException e) {
                log.warn("Pool {}: listener {} failed on {}; the pool carries on", event.poolId(), listener, type, e);
            }
        }
    }

    private static boolean logs(PoolEvent.Level level) {
        return switch (level) {
            case DEBUG -> log.isDebugEnabled();
            case INFO -> log.isInfoEnabled();
            case WARN -> log.isWarnEnabled();
            case ERROR, CRITICAL -> log.isErrorEnabled();
        };
    }
}
