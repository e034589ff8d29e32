package dev.casspool;

import dev.casspool.internal.SingleEventListener;
import java.util.function.Consumer;

/**
 * Hooks into the life of a {@link ConnectionPool}'s connections (pycassa's {@code PoolListener}). Every method does
 * nothing by default, so a listener implements only the events it needs; {@link #on(PoolEventType, Consumer)} makes a
 * listener for one event from a lambda.
 *
 * <p>Listeners are called synchronously on the thread that caused the event, so they should be quick. A listener that
 * throws is logged and skipped; it cannot break the pool.
 */
public interface PoolListener {

    /** A listener for one kind of event, for example {@code PoolListener.on(CONNECTION_FAILED, e -> ...)}. */
    static PoolListener on(PoolEventType type, Consumer<PoolEvent> handler) {
        return new SingleEventListener(type, handler);
    }

    /**
     * Receives every event the pool fires; by default, calls the method of this listener that the event's
     * {@linkplain PoolEvent#type() type} names. Override it to handle all events in one place.
     */
    default void onEvent(PoolEvent event) {
        event.type().deliver(this, event);
    }

    /** A connection came back to the pool (poolId, level, connection). */
    default void connectionCheckedIn(PoolEvent event) {
    }

    /** A connection was checked out of the pool (poolId, level, connection). */
    default void connectionCheckedOut(PoolEvent event) {
    }

    /** A new connection to Cassandra was opened (poolId, level, connection). */
    default void connectionCreated(PoolEvent event) {
    }

    /** A connection was closed (poolId, level, connection, message: the reason). */
    default void connectionDisposed(PoolEvent event) {
    }

    /**
     * Connecting to, or an operation on, a single server failed (poolId, level, error, server, and connection: null
     * when opening a new connection failed).
     */
    default void connectionFailed(PoolEvent event) {
    }

    /** A connection was replaced after {@code recycle} operations (poolId, level, oldConnection, newConnection). */
    default void connectionRecycled(PoolEvent event) {
    }

    /** A get found the pool at its maximum size (poolId, level, poolMax). */
    default void poolAtMax(PoolEvent event) {
    }

    /** The pool was disposed (poolId, level). */
    default void poolDisposed(PoolEvent event) {
    }

    /** The pool took its (shuffled) server list (poolId, level, serverList). */
    default void serverListObtained(PoolEvent event) {
    }

    /**
     * A get gave up: the pool stayed at its maximum for {@code poolTimeout} and {@link NoConnectionAvailableException}
     * follows (poolId, level, poolMax). Not in pycassa, which has no event for it.
     */
    default void noConnectionAvailable(PoolEvent event) {
    }

    /**
     * A data call failed on one server and is about to be tried again on the next (poolId, level, connection, error,
     * server: the one that failed). Follows the {@code connectionFailed} event of the same failure. Not in pycassa.
     */
    default void operationRetried(PoolEvent event) {
    }

    /**
     * A server was marked down after a failed connect or a transport failure (poolId, level, server, error). New
     * connections skip it while other servers are up, and the pool probes it in the background. Not in pycassa.
     */
    default void serverMarkedDown(PoolEvent event) {
    }

    /** A server marked down answered a probe or a connect again and takes new connections (poolId, level, server). */
    default void serverMarkedUp(PoolEvent event) {
    }

    /** Ring discovery found a new node, and the pool now connects to it (poolId, level, server). */
    default void serverAdded(PoolEvent event) {
    }

    /**
     * A node left the ring, or is not in the pool's local datacenter, and the pool no longer connects to it: idle
     * connections to it are closed at once, checked-out ones when they come back (poolId, level, server).
     */
    default void serverRemoved(PoolEvent event) {
    }
}
