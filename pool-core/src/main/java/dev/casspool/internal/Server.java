package dev.casspool.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Cassandra server of a pool's server list. The pool keeps one instance per address for its whole life, across
 * server list changes, so that what it knows about a server (how many connections are open to it) survives them.
 */
public final class Server {

    /** Cassandra's Thrift port, used when a server list entry names none. */
    public static final int DEFAULT_PORT = 9160;

    private final String host;
    private final int port;
    private final String address;
    private final AtomicInteger openConnections = new AtomicInteger();

    Server(String host, int port) {
        this.host = host;
        this.port = port;
        this.address = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The host name or IP address. */
    public String host() {
        return host;
    }

    /** The Thrift port. */
    public int port() {
        return port;
    }

    /** {@code host:port}, as listeners and messages show it. */
    public String address() {
        return address;
    }

    /** How many of the pool's connections are open to this server now. */
    public int openConnections() {
        return openConnections.get();
    }

    void connectionOpened() {
        openConnections.incrementAndGet();
    }

    void connectionClosed() {
        openConnections.decrementAndGet();
    }

    @Override
    public String toString() {
        return address;
    }
}
