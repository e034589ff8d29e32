package dev.casspool.internal;

import dev.casspool.AllServersUnavailableException;
import dev.casspool.PoolException;
import org.apache.cassandra.thrift.InvalidRequestException;
import org.apache.thrift.TException;

/**
 * Opens new connections for a pool, drawing servers from its list in turn and trying each server once before giving
 * up. Every failed attempt is reported to the pool (its {@code connectionFailed} event).
 *
 * <p>Failures that no other server would fix end the attempt at once instead of trying every server in a storm:
 * wrong credentials and an unknown keyspace.
 */
public final class Connector {

    /** Receives every failed attempt to open a connection. */
    @FunctionalInterface
    public interface FailureObserver {
        /** Opening a connection to {@code server} failed with {@code error}. */
        void connectFailed(Throwable error, Server server);
    }

    private final String poolName;
    private final ConnectionSettings settings;
    private final FailureObserver observer;

    /**
     * Creates a connector.
     *
     * @param poolName the pool's logging name, for messages
     * @param settings how connections are opened
     * @param observer told of every failed attempt
     */
    public Connector(String poolName, ConnectionSettings settings, FailureObserver observer) {
        this.poolName = poolName;
        this.settings = settings;
        this.observer = observer;
    }

    /**
     * Opens a connection to the next server in round-robin order, moving on to the following ones when it fails.
     *
     * @throws AllServersUnavailableException when every server of the list failed; the cause is the last failure
     * @throws PoolException when the login was refused or the keyspace cannot be used
     */
    public Connection open(ServerList servers) {
        Throwable lastFailure = null;
        Server lastServer = null;
        for (int attempt = 0; attempt < servers.size(); attempt++) {
            Server server = servers.next();
            try {
                return Connection.open(server, settings);
            } catch (TException e) {
                failed(e, server);
                lastFailure = e;
                lastServer = server;
            }
        }
        throw new AllServersUnavailableException("Pool " + poolName + " could not connect to any of its servers "
                + servers + "; the last failure, on " + lastServer + ", was " + Failures.describe(lastFailure),
                lastFailure);
    }

    /**
     * Opens a connection that replaces another (recycling), to the server with the fewest open connections so that
     * the load stays even, falling back to {@link #open} when that server fails.
     */
    public Connection openReplacement(ServerList servers) {
        Server preferred = servers.leastConnected();
        try {
            return Connection.open(preferred, settings);
        } catch (TException e) {
            failed(e, preferred);
            return open(servers);
        }
    }

    private void failed(TException error, Server server) {
        if (error instanceof LoginRefusedException refused) {
            Throwable answer = refused.getCause();
            observer.connectFailed(answer, server);
            throw new PoolException("Pool " + poolName + " could not log in to " + server + " as user '"
                    + settings.username() + "': " + Failures.describe(answer), answer);
        }
        observer.connectFailed(error, server);
        if (error instanceof InvalidRequestException) {
            throw new PoolException("Pool " + poolName + " cannot use keyspace '" + settings.keyspace() + "' on "
                    + server + ": " + Failures.describe(error), error);
        }
    }
}
