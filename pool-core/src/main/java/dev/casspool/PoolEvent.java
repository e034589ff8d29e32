package dev.casspool;

import java.util.List;
import java.util.StringJoiner;

/**
 * What a {@link PoolListener} learns about one event. Immutable. Each event carries exactly the fields pycassa's
 * documentation lists for it (see the factory methods); every other accessor returns null. Events that the pool fires
 * are created by these factories, which listener tests may use too.
 */
public final class PoolEvent {

    /** The logging level that an event prescribes, as in pycassa. */
    public enum Level {
        /** Routine life-cycle steps: connections created, checked in and out, recycled, disposed. */
        DEBUG,
        /** Noteworthy: a connection failed, the pool reached its maximum or was disposed. */
        INFO,
        /** Something is wrong but the pool copes. */
        WARN,
        /** An operation failed. */
        ERROR,
        /** The pool cannot work. */
        CRITICAL
    }

    private final PoolEventType type;
    private final String poolId;
    private final Level level;
    private final ConnectionWrapper connection;
    private final String message;
    private final Throwable error;
    private final String server;
    private final ConnectionWrapper oldConnection;
    private final ConnectionWrapper newConnection;
    private final Integer poolMax;
    private final List<String> serverList;

    private PoolEvent(PoolEventType type, String poolId, ConnectionWrapper connection, String message,
                      Throwable error, String server, ConnectionWrapper oldConnection, ConnectionWrapper newConnection,
                      Integer poolMax, List<String> serverList) {
        this.type = type;
        this.poolId = poolId;
        this.level = type.level();
        this.connection = connection;
        this.message = message;
        this.error = error;
        this.server = server;
        this.oldConnection = oldConnection;
        this.newConnection = newConnection;
        this.poolMax = poolMax;
        this.serverList = serverList;
    }

    /** A new connection was opened. Fields: poolId, level, connection. */
    public static PoolEvent connectionCreated(String poolId, ConnectionWrapper connection) {
        return new PoolEvent(PoolEventType.CONNECTION_CREATED, poolId,
                connection, null, null, null, null, null, null, null);
    }

    /** A connection was checked out. Fields: poolId, level, connection. */
    public static PoolEvent connectionCheckedOut(String poolId, ConnectionWrapper connection) {
        return new PoolEvent(PoolEventType.CONNECTION_CHECKED_OUT, poolId,
                connection, null, null, null, null, null, null, null);
    }

    /** A connection came back to the pool. Fields: poolId, level, connection. */
    public static PoolEvent connectionCheckedIn(String poolId, ConnectionWrapper connection) {
        return new PoolEvent(PoolEventType.CONNECTION_CHECKED_IN, poolId,
                connection, null, null, null, null, null, null, null);
    }

    /** A connection was closed. Fields: poolId, level, connection, message (the reason). */
    public static PoolEvent connectionDisposed(String poolId, ConnectionWrapper connection, String message) {
        return new PoolEvent(PoolEventType.CONNECTION_DISPOSED, poolId,
                connection, message, null, null, null, null, null, null);
    }

    /**
     * Connecting to, or talking to, one server failed. Fields: poolId, level, error, server ({@code host:port}),
     * connection (null when a new connection could not be opened).
     */
    public static PoolEvent connectionFailed(String poolId, Throwable error, String server,
                                             ConnectionWrapper connection) {
        return new PoolEvent(PoolEventType.CONNECTION_FAILED, poolId,
                connection, null, error, server, null, null, null, null);
    }

    /**
     * A connection was replaced after {@code recycle} operations. Fields: poolId, level, oldConnection,
     * newConnection.
     */
    public static PoolEvent connectionRecycled(String poolId, ConnectionWrapper oldConnection,
                                               ConnectionWrapper newConnection) {
        return new PoolEvent(PoolEventType.CONNECTION_RECYCLED, poolId,
                null, null, null, null, oldConnection, newConnection, null, null);
    }

    /** A get found every connection checked out and no room to open another. Fields: poolId, level, poolMax. */
    public static PoolEvent poolAtMax(String poolId, int poolMax) {
        return new PoolEvent(PoolEventType.POOL_AT_MAX, poolId,
                null, null, null, null, null, null, poolMax, null);
    }

    /** The pool closed its idle connections. Fields: poolId, level. */
    public static PoolEvent poolDisposed(String poolId) {
        return new PoolEvent(PoolEventType.POOL_DISPOSED, poolId,
                null, null, null, null, null, null, null, null);
    }

    /** The pool took a new server list. Fields: poolId, level, serverList (shuffled, as it will be used). */
    public static PoolEvent serverListObtained(String poolId, List<String> serverList) {
        return new PoolEvent(PoolEventType.SERVER_LIST_OBTAINED, poolId,
                null, null, null, null, null, null, null, List.copyOf(serverList));
    }

    /** A get gave up after {@code poolTimeout}. Fields: poolId, level, poolMax. */
    public static PoolEvent noConnectionAvailable(String poolId, int poolMax) {
        return new PoolEvent(PoolEventType.NO_CONNECTION_AVAILABLE, poolId,
                null, null, null, null, null, null, poolMax, null);
    }

    /** A data call is retried after failing on {@code server}. Fields: poolId, level, connection, error, server. */
    public static PoolEvent operationRetried(String poolId, ConnectionWrapper connection, Throwable error,
                                             String server) {
        return new PoolEvent(PoolEventType.OPERATION_RETRIED, poolId,
                connection, null, error, server, null, null, null, null);
    }

    /** A server was marked down. Fields: poolId, level, server, error. */
    public static PoolEvent serverMarkedDown(String poolId, String server, Throwable error) {
        return new PoolEvent(PoolEventType.SERVER_MARKED_DOWN, poolId,
                null, null, error, server, null, null, null, null);
    }

    /** A server marked down is up again. Fields: poolId, level, server. */
    public static PoolEvent serverMarkedUp(String poolId, String server) {
        return new PoolEvent(PoolEventType.SERVER_MARKED_UP, poolId,
                null, null, null, server, null, null, null, null);
    }

    /** Ring discovery found a new node and the pool now connects to it. Fields: poolId, level, server. */
    public static PoolEvent serverAdded(String poolId, String server) {
        return new PoolEvent(PoolEventType.SERVER_ADDED, poolId,
                null, null, null, server, null, null, null, null);
    }

    /**
     * A node left the ring (or is not in the local datacenter) and the pool no longer connects to it. Fields: poolId,
     * level, server.
     */
    public static PoolEvent serverRemoved(String poolId, String server) {
        return new PoolEvent(PoolEventType.SERVER_REMOVED, poolId,
                null, null, null, server, null, null, null, null);
    }

    /** What kind of event this is, which also says which {@link PoolListener} method receives it. */
    public PoolEventType type() {
        return type;
    }

    /** The {@link ConnectionPool#loggingName()} of the pool that fired this event. */
    public String poolId() {
        return poolId;
    }

    /** The level at which this event is worth logging. */
    public Level level() {
        return level;
    }

    /** The connection the event is about, or null. */
    public ConnectionWrapper connection() {
        return connection;
    }

    /** Why a connection was disposed, or null. */
    public String message() {
        return message;
    }

    /** The failure behind a failed connection, or null. */
    public Throwable error() {
        return error;
    }

    /** The server ({@code host:port}) a failure happened on, or null. */
    public String server() {
        return server;
    }

    /** The connection being recycled, or null. */
    public ConnectionWrapper oldConnection() {
        return oldConnection;
    }

    /** The connection replacing a recycled one, or null. */
    public ConnectionWrapper newConnection() {
        return newConnection;
    }

    /** The most connections the pool will keep open at once ({@code poolSize + maxOverflow}), or null. */
    public Integer poolMax() {
        return poolMax;
    }

    /** The shuffled server list the pool will draw from, or null. */
    public List<String> serverList() {
        return serverList;
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "PoolEvent[", "]");
        fields.add("type=" + type).add("poolId=" + poolId).add("level=" + level);
        add(fields, "connection", connection);
        add(fields, "message", message);
        add(fields, "error", error);
        add(fields, "server", server);
        add(fields, "oldConnection", oldConnection);
        add(fields, "newConnection", newConnection);
        add(fields, "poolMax", poolMax);
        add(fields, "serverList", serverList);
        return fields.toString();
    }

    private static void add(StringJoiner fields, String name, Object value) {
        if (value != null) {
            fields.add(name + "=" + value);
        }
    }
}
