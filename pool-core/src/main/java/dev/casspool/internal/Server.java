package dev.casspool.internal;

import dev.casspool.ServerStatus;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Cassandra server of a pool's server list. The pool keeps one instance per address for its whole life, across
 * server list changes, so that what it knows about a server (open connections, whether it is marked down) survives
 * them.
 */
public final class Server {

    /** Cassandra's Thrift port, used when a server list entry names none. */
    public static final int DEFAULT_PORT = 9160;

    private final String host;
    private final int port;
    private final String address;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final ServerCounters counters;
    private volatile boolean down;
    private volatile boolean inRing = true;
    private volatile String datacenter;
    private volatile String rack;
    private volatile Instant downSince;
    private volatile Throwable lastFailure;

    Server(String host, int port) {
        this.host = host;
        this.port = port;
        this.address = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        this.counters = new ServerCounters(address);
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

    /** What the pool's connections to this server went through: its cumulative counts. */
    public ServerCounters counters() {
        return counters;
    }

    /** Whether the server takes new connections: not marked down. */
    public boolean isUp() {
        return !down;
    }

    /**
     * Marks the server down after {@code failure}.
     *
     * @return true when it was up until now (the caller reports it and starts probing)
     */
    synchronized boolean markDown(Throwable failure) {
        lastFailure = failure;
        if (down) {
            return false;
        }
        down = true;
        downSince = Instant.now();
        return true;
    }

    /**
     * Marks the server up after a successful connect or probe.
     *
     * @return true when it was down until now
     */
    synchronized boolean markUp() {
        if (!down) {
            return false;
        }
        down = false;
        downSince = null;
        lastFailure = null;
        return true;
    }

    /** Records a failed probe of a server that stays down. */
    void probeFailed(Throwable failure) {
        lastFailure = failure;
    }

    /** A snapshot for monitoring. */
    public ServerStatus status() {
        return new ServerStatus(address, !down, openConnections.get(), lastFailure, downSince, datacenter, rack);
    }

    /** Records where the ring says the node is. */
    void located(String datacenter, String rack) {
        this.datacenter = datacenter;
        this.rack = rack;
    }

    /** The node's datacenter as the ring reports it, or null. */
    public String datacenter() {
        return datacenter;
    }

    /**
     * Whether the server is in the pool's ring: false once the node left it (or, with {@code localDatacenter}, when
     * it is another datacenter's), when the pool closes its connections as they come back.
     */
    public boolean inRing() {
        return inRing;
    }

    /** Records whether the server is in the pool's ring. */
    void inRing(boolean member) {
        this.inRing = member;
    }

    void connectionOpened() {
        openConnections.incrementAndGet();
        counters.countCreated();
    }

    void connectionClosed() {
        openConnections.decrementAndGet();
        counters.countDisposed();
    }

    @Override
    public String toString() {
        return address;
    }
}
