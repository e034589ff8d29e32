package dev.casspool.internal;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a new view of the ring to a pool: makes its nodes the servers of new connections, reports the servers added
 * and removed, closes idle connections to removed ones (checked-out ones close when they come back: the engine finds
 * their server out of the ring), and gives servers that have fewer than their share of the pool's connections new
 * ones, moving idle connections from servers that have more, so that a node that joins serves its share at once
 * rather than when connections happen to be recycled.
 */
final class RingMembership {

    private static final Logger log = LoggerFactory.getLogger(PoolEvents.LOGGER_NAME);

    private final String poolName;
    private final PoolEngine engine;
    private final ServerDirectory servers;

    RingMembership(String poolName, PoolEngine engine, ServerDirectory servers) {
        this.poolName = poolName;
        this.engine = engine;
        this.servers = servers;
    }

    /** Makes {@code ringServers}, the nodes of the ring that the pool may use, the pool's servers. */
    void apply(List<Server> ringServers) {
        List<Server> previous = servers.current().distinct();
        for (Server server : previous) {
            if (!ringServers.contains(server)) {
                server.inRing(false);
                engine.events().serverRemoved(server);
            }
        }
        for (Server server : ringServers) {
            server.inRing(true);
            if (!previous.contains(server)) {
                engine.events().serverAdded(server);
            }
        }
        servers.useRing(ringServers);
        engine.evictIdle(entry -> !entry.connection().server().inRing(), "its server left the ring");
        rebalance(ringServers);
    }

    /** Gives each server that is up its share of {@code poolSize} connections, as far as idle ones can move. */
    private void rebalance(List<Server> ringServers) {
        int share = engine.poolSize() / ringServers.size();
        for (Server server : ringServers) {
            while (!engine.isClosed() && server.isUp() && server.openConnections() < share) {
                if (!engine.openIdleTo(server) && !(moveIdleConnectionFrom(richest(ringServers, share))
                        && engine.openIdleTo(server))) {
                    return;
                }
            }
        }
    }

    /** The server with the most connections, if it has more than its share; else null. */
    private static Server richest(List<Server> ringServers, int share) {
        Server richest = null;
        for (Server server : ringServers) {
            if (server.openConnections() > share
                    && (richest == null || server.openConnections() > richest.openConnections())) {
                richest = server;
            }
        }
        return richest;
    }

    /** Closes an idle connection to {@code server}, to open one to a server that has too few; false when none. */
    private boolean moveIdleConnectionFrom(Server server) {
        boolean moved = server != null && engine.closeIdleTo(server, "the ring has a server with fewer connections");
        if (moved) {
            log.debug("Pool {} moves a connection from {} to a server with fewer", poolName, server);
        }
        return moved;
    }
}
