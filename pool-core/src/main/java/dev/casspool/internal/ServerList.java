package dev.casspool.internal;

import dev.casspool.InvalidSettingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The servers a pool connects to: validated, shuffled once, then drawn round robin (pycassa's server list). Immutable
 * apart from its position; a new list replaces it as a whole.
 */
public final class ServerList {

    private final Server[] servers;
    private final AtomicInteger position = new AtomicInteger();

    private ServerList(Server[] servers) {
        this.servers = servers;
    }

    /**
     * Parses, validates and shuffles {@code entries} ({@code "host:port"} or {@code "host"} for port 9160; IPv6 hosts
     * in brackets), reusing the {@link Server} instances of {@code known} by address and adding new ones to it.
     *
     * @throws InvalidSettingException naming the {@code serverList} setting and the bad entry
     */
    static ServerList parse(List<String> entries, Map<String, Server> known) {
        if (entries == null || entries.isEmpty()) {
            throw new InvalidSettingException("serverList", entries, "must name at least one server (\"host:port\")");
        }
        List<Server> parsed = new ArrayList<>(entries.size());
        for (String entry : entries) {
            Server server = parseEntry(entry);
            parsed.add(known.computeIfAbsent(server.address(), address -> server));
        }
        Collections.shuffle(parsed, ThreadLocalRandom.current());
        return new ServerList(parsed.toArray(Server[]::new));
    }

    /** The servers of a discovered ring, shuffled as a parsed list is. */
    static ServerList of(List<Server> servers) {
        List<Server> shuffled = new ArrayList<>(servers);
        Collections.shuffle(shuffled, ThreadLocalRandom.current());
        return new ServerList(shuffled.toArray(Server[]::new));
    }

    private static Server parseEntry(String entry) {
        if (entry == null || entry.isBlank()) {
            throw new InvalidSettingException("serverList", entry, "entries must be \"host:port\"");
        }
        String trimmed = entry.trim();
        String host;
        String port;
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0) {
                throw invalid(entry, "an IPv6 host needs a closing ']'");
            }
            host = trimmed.substring(1, close);
            String rest = trimmed.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw invalid(entry, "expected ':' after the IPv6 host");
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = trimmed.lastIndexOf(':');
            if (colon >= 0 && trimmed.indexOf(':') != colon) {
                throw invalid(entry, "an IPv6 host must be written in brackets, as [::1]:9160");
            }
            host = colon < 0 ? trimmed : trimmed.substring(0, colon);
            port = colon < 0 ? null : trimmed.substring(colon + 1);
        }
        if (host.isBlank()) {
            throw invalid(entry, "the host is empty");
        }
        return new Server(host, port == null ? Server.DEFAULT_PORT : parsePort(entry, port));
    }

    private static int parsePort(String entry, String port) {
        if (port.isEmpty()) {
            throw invalid(entry, "the port after ':' is missing");
        }
        int value;
        try {
            value = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw invalid(entry, "the port '" + port + "' is not a number");
        }
        if (value < 1 || value > 65535) {
            throw invalid(entry, "the port " + value + " is not between 1 and 65535");
        }
        return value;
    }

    private static InvalidSettingException invalid(String entry, String why) {
        return new InvalidSettingException("serverList", entry, "entries must be \"host:port\", and " + why);
    }

    /**
     * The servers to try, in order, for the next new connection: the servers that are up, round robin (an entry
     * listed twice gets twice the turns), then each other server once, so that a pool whose servers are all marked
     * down still tries them rather than failing without trying. Safe to call from any thread.
     */
    public List<Server> attemptOrder() {
        int start = position.getAndIncrement() & Integer.MAX_VALUE;
        List<Server> up = new ArrayList<>(servers.length);
        for (Server server : servers) {
            if (server.isUp()) {
                up.add(server);
            }
        }
        List<Server> order = new ArrayList<>(servers.length);
        for (int i = 0; i < up.size(); i++) {
            addOnce(order, up.get((start + i) % up.size()));
        }
        for (int i = 0; i < servers.length; i++) {
            addOnce(order, servers[(start + i) % servers.length]);
        }
        return order;
    }

    private static void addOnce(List<Server> order, Server server) {
        if (!order.contains(server)) {
            order.add(server);
        }
    }

    /**
     * The up server with the fewest open connections, earliest in round-robin order among equals: where a replacement
     * connection keeps the load even.
     */
    public Server leastConnected() {
        int start = Math.floorMod(position.get(), servers.length);
        Server best = null;
        for (int i = 0; i < servers.length; i++) {
            Server candidate = servers[(start + i) % servers.length];
            if (best == null || rank(candidate) < rank(best)) {
                best = candidate;
            }
        }
        return best;
    }

    private static long rank(Server server) {
        return (server.isUp() ? 0L : 1L << 32) + server.openConnections();
    }

    /** The port of the first server of the list. */
    public int firstPort() {
        return servers[0].port();
    }

    /** Each server once, in list order. */
    public List<Server> distinct() {
        return Arrays.stream(servers).distinct().toList();
    }

    /** The servers' addresses in their shuffled order. */
    public List<String> addresses() {
        return Arrays.stream(servers).map(Server::address).toList();
    }

    @Override
    public String toString() {
        return addresses().toString();
    }
}
