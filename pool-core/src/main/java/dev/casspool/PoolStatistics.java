package dev.casspool;

import java.util.List;

/**
 * Cumulative counts of what happened in a pool since it was built ({@link ConnectionPool#statistics()}): counts that
 * only grow, kept by the pool itself whether anyone reads them or not, so that metrics bound at any time include what
 * happened before (the connections that {@code prefill} opened, say). Each method reads the count at the time of the
 * call. What the pool holds now (connections checked out, idle, waiting threads) is on {@link ConnectionPool} itself.
 */
public interface PoolStatistics {

    /**
     * Check-outs that found every connection checked out and no room to open another, and so waited (or, with a
     * {@code poolTimeout} of zero, failed at once): the {@code poolAtMax} events.
     */
    long checkoutsAtMax();

    /** Check-outs that gave up after {@code poolTimeout} ({@link NoConnectionAvailableException}). */
    long checkoutTimeouts();

    /** Servers that ring discovery found and the pool started to connect to (the {@code serverAdded} events). */
    long serversAdded();

    /** Servers that left the ring, after which the pool no longer connects to them ({@code serverRemoved} events). */
    long serversRemoved();

    /** Calls about one row key that ran on a connection to a replica of the key (token-aware pools). */
    long routedToReplica();

    /** Calls about one row key that ran on a connection to another node, no replica connection being free. */
    long routedElsewhere();

    /**
     * The counts of every server the pool has known since it was built, in the order of their addresses: those of its
     * server list and of the ring, and those it no longer connects to, whose counts stay as they were.
     */
    List<ServerStatistics> servers();
}
