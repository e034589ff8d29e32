package dev.casspool;

/**
 * What a pool's connections to one server went through since the pool was built: counts that only grow, for metrics
 * and monitoring ({@link PoolStatistics#servers()}). Each method reads the count at the time of the call, and reading
 * costs the pool nothing.
 */
public interface ServerStatistics {

    /** The server, as {@code "host:port"}. */
    String address();

    /**
     * Connections opened to the server: by prefill and growth, as replacements (recycling, lifetimes, ring
     * rebalancing) and when a data call failed over to it. {@code connectionsCreated() - connectionsDisposed()} is the
     * number of connections open to it now.
     */
    long connectionsCreated();

    /** Connections to the server that were closed, for whatever reason (failures included). */
    long connectionsDisposed();

    /** Connections to the server replaced after {@code recycle} operations. */
    long connectionsRecycled();

    /** Failed connects to the server and failed operations on its connections (the {@code connectionFailed} events). */
    long connectionsFailed();

    /** Data calls that failed on the server and were tried again (the {@code operationRetried} events). */
    long operationsRetried();

    /** Times the server was marked down. */
    long markedDown();

    /** Times the server, marked down, was marked up again. */
    long markedUp();
}
