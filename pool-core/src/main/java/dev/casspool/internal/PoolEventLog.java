package dev.casspool.internal;

import dev.casspool.PoolEvent;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** The log lines of pool events, as pycassa's {@code PoolLogger} writes them. */
final class PoolEventLog {

    private PoolEventLog() {
    }

    static void log(Logger log, PoolEvent.Level level, PoolEvent event) {
        String pool = event.poolId();
        String line = switch (event.type()) {
            case CONNECTION_CREATED -> "Connection " + event.connection() + " opened for pool " + pool;
            case CONNECTION_CHECKED_OUT -> "Connection " + event.connection() + " was checked out from pool " + pool;
            case CONNECTION_CHECKED_IN -> "Connection " + event.connection() + " was checked in to pool " + pool;
            case CONNECTION_DISPOSED -> "Connection " + event.connection() + " was closed; pool " + pool
                    + ", reason: " + event.message();
            case CONNECTION_RECYCLED -> "Connection " + event.oldConnection() + " is being recycled in pool " + pool
                    + " after " + event.oldConnection().operationCount() + " operations; it is replaced by connection "
                    + event.newConnection();
            case CONNECTION_FAILED -> (event.connection() == null ? "Connecting to " + event.server()
                    : "Connection " + event.connection()) + " in pool " + pool + " failed: "
                    + Failures.describe(event.error());
            case POOL_AT_MAX -> "Pool " + pool + " had a checkout request but was already at its max size ("
                    + event.poolMax() + ")";
            case POOL_DISPOSED -> "Pool " + pool + " was disposed";
            case SERVER_LIST_OBTAINED -> "Server list obtained for pool " + pool + ": " + event.serverList();
            case NO_CONNECTION_AVAILABLE -> "Pool " + pool + " could not check out a connection: all "
                    + event.poolMax() + " stayed checked out for the whole poolTimeout";
            case OPERATION_RETRIED -> "Connection " + event.connection() + " in pool " + pool + " retries on another"
                    + " server after " + Failures.describe(event.error()) + " on " + event.server();
            case SERVER_MARKED_DOWN -> "Pool " + pool + " marked server " + event.server() + " down after "
                    + Failures.describe(event.error()) + "; probing it in the background";
            case SERVER_MARKED_UP -> "Pool " + pool + " marked server " + event.server() + " up again";
            case SERVER_ADDED -> "Pool " + pool + " found server " + event.server() + " in the ring and connects to it";
            case SERVER_REMOVED -> "Pool " + pool + " no longer connects to server " + event.server()
                    + ": it left the ring";
        };
        log.atLevel(slf4jLevel(level)).log(line);
    }

    private static Level slf4jLevel(PoolEvent.Level level) {
        return switch (level) {
            case DEBUG -> Level.DEBUG;
            case INFO -> Level.INFO;
            case WARN -> Level.WARN;
            case ERROR, CRITICAL -> Level.ERROR;
        };
    }
}
