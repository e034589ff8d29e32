package dev.casspool.internal;

import dev.casspool.ConnectionWrapper;
import dev.casspool.MaximumRetryException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.cassandra.thrift.Mutation;
import org.apache.thrift.TException;
import org.apache.thrift.transport.TTransportException;

/**
 * Decides what follows a failed call on a pooled connection, for the {@link ConnectionWrapper} that made it: pycassa's
 * retry on the next server, with its back-off and its limit ({@code maxRetries}), and what a failure says about the
 * connection and its server. One call per failure: {@link #retry} or {@link #failed}.
 */
public final class Failover {

    private static final long BASE_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String poolName;
    private final PoolEvents events;
    private final ServerHealth health;
    private final Connector connector;
    private final Supplier<ServerList> servers;
    private final int maxRetries;
    private final boolean retryCounterMutations;

    /**
     * Creates the failover of a pool.
     *
     * @param poolName named in messages
     * @param events told of failures and retries
     * @param health told when a server failed
     * @param connector opens the connection of the next attempt
     * @param servers the pool's current server list
     * @param maxRetries retries of a failed data call; -1 for no limit
     * @param retryCounterMutations whether counter mutations are retried too
     */
    public Failover(String poolName, PoolEvents events, ServerHealth health, Connector connector,
                    Supplier<ServerList> servers, int maxRetries, boolean retryCounterMutations) {
        this.poolName = poolName;
        this.events = events;
        this.health = health;
        this.connector = connector;
        this.servers = servers;
        this.maxRetries = maxRetries;
        this.retryCounterMutations = retryCounterMutations;
    }

    /** Whether counter mutations may be retried (a retried increment may count twice). */
    public boolean retriesCounterMutations() {
        return retryCounterMutations;
    }

    /** Whether a batch of {@code mutations} may be retried: when it carries no counter mutation, or they may be. */
    public boolean mayRetry(Map<ByteBuffer, Map<String, List<Mutation>>> mutations) {
        return retryCounterMutations || !carriesCounters(mutations);
    }

    private static boolean carriesCounters(Map<ByteBuffer, Map<String, List<Mutation>>> mutations) {
        if (mutations == null) {
            return false;
        }
        for (Map<String, List<Mutation>> byColumnFamily : mutations.values()) {
            for (List<Mutation> list : byColumnFamily.values()) {
                for (Mutation mutation : list) {
                    if (mutation.isSetColumn_or_supercolumn()
                            && (mutation.getColumn_or_supercolumn().isSetCounter_column()
                            || mutation.getColumn_or_supercolumn().isSetCounter_super_column())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The entry's connection, or, when a failure closed it, a new one: to the next of {@code replicas} after the
     * failed server first (a call about a row key), else to the next server in turn.
     */
    public Connection liveConnection(PoolEntry entry, List<Server> replicas) {
        Connection connection = entry.connection();
        if (connection.isOpen()) {
            return connection;
        }
        connection.close();
        Connection next = replicas.isEmpty() ? connector.open(servers.get())
                : connector.openPreferring(after(replicas, connection.server()), servers.get());
        entry.connection(next);
        return next;
    }

    /** {@code replicas} starting after {@code failed}: the next replica first, the failed one last. */
    private static List<Server> after(List<Server> replicas, Server failed) {
        int position = replicas.indexOf(failed);
        if (position < 0) {
            return replicas;
        }
        List<Server> rotated = new ArrayList<>(replicas.size());
        for (int i = 1; i <= replicas.size(); i++) {
            rotated.add(replicas.get((position + i) % replicas.size()));
        }
        return rotated;
    }

    /**
     * Handles a retryable failure of attempt number {@code attempt}: reports it and closes the connection (a transport
     * failure also marks the server down; Cassandra's own timeouts do not), then gives up, or waits pycassa's back-off
     * (10 ms times 2^attempt, here at most 1 s) and opens a connection to the next server (for a call about a row key,
     * to its next replica first).
     *
     * @return the connection for the next attempt, which the entry now holds
     * @throws MaximumRetryException when the call may not be retried or its retries are spent
     */
    public Connection retry(ConnectionWrapper handle, PoolEntry entry, Connection connection, TException failure,
                            int attempt, boolean retriesAllowed, List<Server> replicas) {
        closeAfter(handle, connection, failure);
        if (!retriesAllowed) {
            throw new MaximumRetryException(handle + " does not retry counter mutations (a retry may count twice);"
                    + " the attempt on " + connection.server() + " failed with " + Failures.describe(failure),
                    failure);
        }
        if (maxRetries != -1 && attempt > maxRetries) {
            throw new MaximumRetryException(handle + " retried " + (attempt - 1) + " times (maxRetries " + maxRetries
                    + "); the last failure, on " + connection.server() + ", was " + Failures.describe(failure),
                    failure);
        }
        events.operationRetried(handle, failure, connection.server());
        backOff(attempt, failure);
        return liveConnection(entry, replicas);
    }

    /**
     * Handles a failure that is not retried: a transport failure closes the connection (reported, server marked
     * down); an error that can leave a reply in flight marks it broken, so that it is not reused.
     */
    public void failed(ConnectionWrapper handle, Connection connection, TException failure) {
        if (failure instanceof TTransportException) {
            closeAfter(handle, connection, failure);
        } else if (Failures.breaksConnection(failure)) {
            connection.markBroken();
        }
    }

    private void closeAfter(ConnectionWrapper handle, Connection connection, Throwable failure) {
        connection.close();
        events.connectionFailed(failure, connection.server(), handle);
        if (failure instanceof TTransportException) {
            health.failed(connection.server(), failure);
        }
    }

    private void backOff(int attempt, Throwable lastFailure) {
        long nanos = attempt >= 7 ? MAX_BACKOFF_NANOS : Math.min(MAX_BACKOFF_NANOS, BASE_BACKOFF_NANOS << attempt);
        LockSupport.parkNanos(nanos);
        if (Thread.currentThread().isInterrupted()) {
            throw new MaximumRetryException("Pool " + poolName + ": interrupted before retry " + attempt
                    + "; the last failure was " + Failures.describe(lastFailure), lastFailure);
        }
    }
}
