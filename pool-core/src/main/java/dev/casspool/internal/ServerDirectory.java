package dev.casspool.internal;

import dev.casspool.InvalidSettingException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows a pool's servers: the list that new connections go to now (the configured one, or the ring's nodes with
 * {@code ringDiscovery}), and every server the pool has known, by address, so that a node keeps one {@link Server},
 * with its health and counters, while lists come and go.
 */
public final class ServerDirectory {

    private final Map<String, Server> known = new ConcurrentHashMap<>();
    /** The port of the first list's servers, the seeds: nodes found in the ring are reached on it. */
    private int seedPort;
    private volatile ServerList current;

    /** Every server the pool has known, as a live view. */
    public Collection<Server> known() {
        return Collections.unmodifiableCollection(known.values());
    }

    /** The servers new connections go to; null before the first list. */
    public ServerList current() {
        return current;
    }

    /**
     * Makes {@code addresses} the servers of new connections; the first list given names the seeds.
     *
     * @throws InvalidSettingException naming {@code serverList} and the bad entry
     */
    ServerList useList(List<String> addresses) {
        ServerList list = ServerList.parse(addresses, known);
        if (current == null) {
            seedPort = list.firstPort();
        }
        current = list;
        return list;
    }

    /** Makes the nodes of the ring the servers of new connections (shuffled). */
    void useRing(List<Server> nodes) {
        current = ServerList.of(nodes);
    }

    /** The server of a node of the ring at {@code host}, on the seeds' port. */
    Server node(String host) {
        Server server = new Server(host, seedPort);
        return known.computeIfAbsent(server.address(), address -> server);
    }
}
