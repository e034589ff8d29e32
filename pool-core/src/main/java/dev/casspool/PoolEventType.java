package dev.casspool;

import dev.casspool.PoolEvent.Level;
import java.util.function.BiConsumer;

/** The kinds of {@link PoolEvent}, each delivered to one {@link PoolListener} method. */
public enum PoolEventType {

    /** {@link PoolListener#connectionCheckedIn}. */
    CONNECTION_CHECKED_IN(Level.DEBUG, PoolListener::connectionCheckedIn),
    /** {@link PoolListener#connectionCheckedOut}. */
    CONNECTION_CHECKED_OUT(Level.DEBUG, PoolListener::connectionCheckedOut),
    /** {@link PoolListener#connectionCreated}. */
    CONNECTION_CREATED(Level.DEBUG, PoolListener::connectionCreated),
    /** {@link PoolListener#connectionDisposed}. */
    CONNECTION_DISPOSED(Level.DEBUG, PoolListener::connectionDisposed),
    /** {@link PoolListener#connectionFailed}. */
    CONNECTION_FAILED(Level.INFO, PoolListener::connectionFailed),
    /** {@link PoolListener#connectionRecycled}. */
    CONNECTION_RECYCLED(Level.DEBUG, PoolListener::connectionRecycled),
    /** {@link PoolListener#poolAtMax}. */
    POOL_AT_MAX(Level.INFO, PoolListener::poolAtMax),
    /** {@link PoolListener#poolDisposed}. */
    POOL_DISPOSED(Level.INFO, PoolListener::poolDisposed),
    /** {@link PoolListener#serverListObtained}. */
    SERVER_LIST_OBTAINED(Level.DEBUG, PoolListener::serverListObtained),
    /** {@link PoolListener#noConnectionAvailable}. */
    NO_CONNECTION_AVAILABLE(Level.WARN, PoolListener::noConnectionAvailable),
    /** {@link PoolListener#operationRetried}. */
    OPERATION_RETRIED(Level.INFO, PoolListener::operationRetried),
    /** {@link PoolListener#serverMarkedDown}. */
    SERVER_MARKED_DOWN(Level.WARN, PoolListener::serverMarkedDown),
    /** {@link PoolListener#serverMarkedUp}. */
    SERVER_MARKED_UP(Level.INFO, PoolListener::serverMarkedUp),
    /** {@link PoolListener#serverAdded}. */
    SERVER_ADDED(Level.INFO, PoolListener::serverAdded),
    /** {@link PoolListener#serverRemoved}. */
    SERVER_REMOVED(Level.INFO, PoolListener::serverRemoved);

    private final Level level;
    private final BiConsumer<PoolListener, PoolEvent> method;

    PoolEventType(Level level, BiConsumer<PoolListener, PoolEvent> method) {
        this.level = level;
        this.method = method;
    }

    /** The level that events of this type prescribe (pycassa's levels). */
    public Level level() {
        return level;
    }

    /** Calls the method of {@code listener} that receives events of this type. */
    public void deliver(PoolListener listener, PoolEvent event) {
        method.accept(listener, event);
    }
}
