package dev.casspool;

/**
 * A {@link PoolListener} that also learns how long check-outs take and how long connections are held, for metrics.
 * The pool reads the clock for these only while such a listener is registered, so that pools without one pay nothing.
 */
public interface PoolTimingListener extends PoolListener {

    /**
     * A {@link ConnectionPool#get()} returned a connection (after its {@code connectionCheckedOut} event); with
     * {@code useThreadLocal}, only gets that checked a connection out count, not those that returned the one already
     * held.
     *
     * @param connection the connection checked out
     * @param acquireNanos how long the get took, waiting and connecting included
     */
    void connectionAcquired(ConnectionWrapper connection, long acquireNanos);

    /**
     * A connection came back to the pool (before its {@code connectionCheckedIn} or {@code connectionDisposed} event).
     *
     * @param connection the connection given back
     * @param usageNanos how long it was checked out
     */
    void connectionReleased(ConnectionWrapper connection, long usageNanos);
}
