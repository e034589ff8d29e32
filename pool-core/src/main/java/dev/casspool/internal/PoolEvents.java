package dev.casspool.internal;

import dev.casspool.PoolEvent;
import dev.casspool.PoolEventType;
import dev.casspool.ConnectionWrapper;
import dev.casspool.PoolListener;
import dev.casspool.PoolTimingListener;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a pool's events to its listeners and to its log (pycassa's {@code PoolLogger}, at each event's level), and
 * counts them in the pool's {@link PoolCounters}: one method per kind of event, which counts it always and builds the
 * event only when someone wants it.
 *
 * <p>A listener is offered only the events whose {@link PoolListener} method it overrides (every event when it
 * overrides {@link PoolListener#onEvent}): a listener of failures, or a {@link PoolTimingListener} of timings alone,
 * costs check-outs and check-ins nothing.
 *
 * <p>Whether anyone wants an event is one bit of a mask, recomputed when a listener is added and by {@link #refresh()},
 * which the pool's housekeeper calls every second: asking the logging framework on every check-out and check-in costs
 * more than the rest of the warm path, and on several cores it slows every thread down. A log level changed at run
 * time therefore takes effect within a second.
 *
 * <p>Each event is logged at its type's level, as pycassa logs it, but for those that come in storms. A saturated pool
 * fires {@code poolAtMax} for every check-out that waits and {@code noConnectionAvailable} for every one that gives up:
 * their lines go to DEBUG, and {@link SaturationLog} tells the story. A server that is down or a cluster that fails
 * every call fires {@code connectionFailed} and {@code operationRetried} for every attempt: {@link FailureLog} logs the
 * first of a storm at its level, the rest at DEBUG, and summaries.
 */
public final class PoolEvents {

    /** The logger of pool events and of the pool's own messages. */
    public static final String LOGGER_NAME = "dev.casspool.ConnectionPool";

    private static final Logger log = LoggerFactory.getLogger(LOGGER_NAME);
    private static final PoolEventType[] TYPES = PoolEventType.values();

    private final String poolId;
    private final PoolCounters counters;
    private final FailureLog failures;
    private volatile PoolListener[][] listenersByType = new PoolListener[TYPES.length][0];
    private volatile PoolTimingListener[] timingListeners = new PoolTimingListener[0];
    private volatile int wanted;
    /** Told whether anyone observes check-outs and check-ins, each time that may have changed; null until set. */
    private Consumer<Boolean> checkoutWatch;

    /** Starts with the log's current levels, for the pool named {@code poolId}, whose counts are {@code counters}. */
    public PoolEvents(String poolId, PoolCounters counters) {
        this.poolId = poolId;
        this.counters = counters;
        this.failures = new FailureLog(poolId);
        refresh();
    }

    /** The pool's cumulative counts. */
    public PoolCounters counters() {
        return counters;
    }

    /** Adds a listener for every event type it can receive (and for timings, if it is a {@link PoolTimingListener}). */
    public synchronized void add(PoolListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (listener instanceof PoolTimingListener timing) {
            PoolTimingListener[] grown = Arrays.copyOf(timingListeners, timingListeners.length + 1);
            grown[timingListeners.length] = timing;
            timingListeners = grown;
        }
        PoolListener[][] next = listenersByType.clone();
        for (PoolEventType type : TYPES) {
            if (receives(listener, type)) {
                PoolListener[] current = next[type.ordinal()];
                PoolListener[] grown = Arrays.copyOf(current, current.length + 1);
                grown[current.length] = listener;
                next[type.ordinal()] = grown;
            }
        }
        listenersByType = next;
        refresh();
    }

    /** Whether {@code listener} handles events of {@code type}: it overrides their method, or {@code onEvent}. */
    private static boolean receives(PoolListener listener, PoolEventType type) {
        if (listener instanceof SingleEventListener single) {
            return single.type() == type;
        }
        return overrides(listener, "onEvent") || overrides(listener, listenerMethod(type));
    }

    private static boolean overrides(PoolListener listener, String method) {
        try {
            return listener.getClass().getMethod(method, PoolEvent.class).getDeclaringClass() != PoolListener.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("PoolListener has no method " + method, e);
        }
    }

    /** The name of the listener method of {@code type}: CONNECTION_CHECKED_IN's is connectionCheckedIn. */
    private static String listenerMethod(PoolEventType type) {
        StringBuilder name = new StringBuilder();
        for (String word : type.name().toLowerCase(Locale.ROOT).split("_")) {
            name.append(name.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }

    /**
     * Called by the pool's housekeeper every second: takes log levels changed at run time into account, and logs the
     * summaries of failure storms.
     */
    public void tick() {
        refresh();
        failures.tick();
    }

    /** Recomputes which event types reach anyone, for log levels that changed since (one at a time with add). */
    private synchronized void refresh() {
        PoolListener[][] listeners = listenersByType;
        int mask = 0;
        for (PoolEventType type : TYPES) {
            if (listeners[type.ordinal()].length > 0 || logs(levelOfFirst(type))) {
                mask |= 1 << type.ordinal();
            }
        }
        wanted = mask;
        if (checkoutWatch != null) {
            checkoutWatch.accept(observesCheckouts(mask));
        }
    }

    /**
     * Tells {@code observed}, now and whenever it may have changed, whether check-outs and check-ins fire anything: a
     * listener or log wants their events, or somebody times them. The warm path then asks one flag of its own instead
     * of each of these.
     */
    public synchronized void whenCheckoutsObserved(Consumer<Boolean> observed) {
        checkoutWatch = observed;
        observed.accept(observesCheckouts(wanted));
    }

    private boolean observesCheckouts(int mask) {
        return (mask & (1 << PoolEventType.CONNECTION_CHECKED_OUT.ordinal())) != 0
                || (mask & (1 << PoolEventType.CONNECTION_CHECKED_IN.ordinal())) != 0
                || timingListeners.length > 0;
    }

    private boolean wants(PoolEventType type) {
        return (wanted & (1 << type.ordinal())) != 0;
    }

    /** A new connection was opened. */
    public void connectionCreated(ConnectionWrapper connection) {
        if (wants(PoolEventType.CONNECTION_CREATED)) {
            fire(PoolEvent.connectionCreated(poolId, connection));
        }
    }

    /** A connection was checked out. */
    public void connectionCheckedOut(ConnectionWrapper connection) {
        if (wants(PoolEventType.CONNECTION_CHECKED_OUT)) {
            fire(PoolEvent.connectionCheckedOut(poolId, connection));
        }
    }

    /** A connection was checked in. */
    public void connectionCheckedIn(ConnectionWrapper connection) {
        if (wants(PoolEventType.CONNECTION_CHECKED_IN)) {
            fire(PoolEvent.connectionCheckedIn(poolId, connection));
        }
    }

    /** A connection was closed, for {@code reason}. */
    public void connectionDisposed(ConnectionWrapper connection, String reason) {
        if (wants(PoolEventType.CONNECTION_DISPOSED)) {
            fire(PoolEvent.connectionDisposed(poolId, connection, reason));
        }
    }

    /** Connecting to {@code server} (no connection), or an operation on {@code connection}, failed. */
    public void connectionFailed(Throwable error, Server server, ConnectionWrapper connection) {
        server.counters().countFailed();
        if (wants(PoolEventType.CONNECTION_FAILED)) {
            fire(PoolEvent.connectionFailed(poolId, error, server.address(), connection));
        }
    }

    /** A connection to {@code server} was replaced after {@code recycle} operations. */
    public void connectionRecycled(Server server, ConnectionWrapper oldConnection, ConnectionWrapper newConnection) {
        server.counters().countRecycled();
        if (wants(PoolEventType.CONNECTION_RECYCLED)) {
            fire(PoolEvent.connectionRecycled(poolId, oldConnection, newConnection));
        }
    }

    /** A check-out found the pool at its maximum of {@code poolMax} connections. */
    public void poolAtMax(int poolMax) {
        counters.countAtMax();
        if (wants(PoolEventType.POOL_AT_MAX)) {
            fire(PoolEvent.poolAtMax(poolId, poolMax));
        }
    }

    /** The pool closed its idle connections. */
    public void poolDisposed() {
        if (wants(PoolEventType.POOL_DISPOSED)) {
            fire(PoolEvent.poolDisposed(poolId));
        }
    }

    /** The pool took a new (shuffled) server list. */
    public void serverListObtained(List<String> serverList) {
        if (wants(PoolEventType.SERVER_LIST_OBTAINED)) {
            fire(PoolEvent.serverListObtained(poolId, serverList));
        }
    }

    /** A check-out gave up after {@code poolTimeout}. */
    public void noConnectionAvailable(int poolMax) {
        counters.countTimeout();
        if (wants(PoolEventType.NO_CONNECTION_AVAILABLE)) {
            fire(PoolEvent.noConnectionAvailable(poolId, poolMax));
        }
    }

    /** A data call on {@code connection} is retried after failing on {@code server}. */
    public void operationRetried(ConnectionWrapper connection, Throwable error, Server server) {
        server.counters().countRetried();
        if (wants(PoolEventType.OPERATION_RETRIED)) {
            fire(PoolEvent.operationRetried(poolId, connection, error, server.address()));
        }
    }

    /** {@code server} was marked down after {@code error}. */
    public void serverMarkedDown(Server server, Throwable error) {
        server.counters().countMarkedDown();
        if (wants(PoolEventType.SERVER_MARKED_DOWN)) {
            fire(PoolEvent.serverMarkedDown(poolId, server.address(), error));
        }
    }

    /** {@code server}, marked down, answers again. */
    public void serverMarkedUp(Server server) {
        server.counters().countMarkedUp();
        if (wants(PoolEventType.SERVER_MARKED_UP)) {
            fire(PoolEvent.serverMarkedUp(poolId, server.address()));
        }
    }

    /** Ring discovery found {@code server}, and the pool now connects to it. */
    public void serverAdded(Server server) {
        counters.countServerAdded();
        if (wants(PoolEventType.SERVER_ADDED)) {
            fire(PoolEvent.serverAdded(poolId, server.address()));
        }
    }

    /** {@code server} left the ring, and the pool no longer connects to it. */
    public void serverRemoved(Server server) {
        counters.countServerRemoved();
        if (wants(PoolEventType.SERVER_REMOVED)) {
            fire(PoolEvent.serverRemoved(poolId, server.address()));
        }
    }

    /** Logs the event and calls each listener of its type in the order they were added. */
    private void fire(PoolEvent event) {
        PoolEventType type = event.type();
        PoolEvent.Level level = FailureLog.thinsOut(type) ? failures.level(event) : levelOfFirst(type);
        if (logs(level)) {
            PoolEventLog.log(log, level, event);
        }
        for (PoolListener listener : listenersByType[type.ordinal()]) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("Pool {}: listener {} failed on {}; the pool carries on", poolId, listener, type, e);
            }
        }
    }

    /** Whether anyone wants check-out and usage timings, which cost a clock read each. */
    public boolean timed() {
        return timingListeners.length > 0;
    }

    /** Reports how long a check-out took. */
    public void acquired(ConnectionWrapper connection, long nanos) {
        for (PoolTimingListener listener : timingListeners) {
            try {
                listener.connectionAcquired(connection, nanos);
            } catch (RuntimeException e) {
                log.warn("Listener {} failed on a check-out timing; the pool carries on", listener, e);
            }
        }
    }

    /** Reports how long a connection was checked out. */
    public void released(ConnectionWrapper connection, long nanos) {
        for (PoolTimingListener listener : timingListeners) {
            try {
                listener.connectionReleased(connection, nanos);
            } catch (RuntimeException e) {
                log.warn("Listener {} failed on a usage timing; the pool carries on", listener, e);
            }
        }
    }

    /**
     * The level at which events of {@code type} are logged, the first of a storm of failures included: DEBUG for
     * those of a saturated pool, which {@link SaturationLog} tells in episodes.
     */
    private static PoolEvent.Level levelOfFirst(PoolEventType type) {
        return type == PoolEventType.POOL_AT_MAX || type == PoolEventType.NO_CONNECTION_AVAILABLE
                ? PoolEvent.Level.DEBUG : type.level();
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
