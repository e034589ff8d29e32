package dev.casspool.internal;

import dev.casspool.AllServersUnavailableException;
import dev.casspool.PoolException;
import java.util.ArrayList;
import java.util.List;
import org.apache.cassandra.thrift.InvalidRequestException;
import org.apache.thrift.TException;

/**
 * Opens new connections for a pool: servers that are up first, in turn, then those marked down, each server once
 * before giving up. Every failed attempt is reported to the pool (its {@code connectionFailed} event), and
 * {@link ServerHealth} learns which servers answer.
 *
 * <p>Failures that no other server would fix end the attempt at once instead of trying every server in a storm:
 * wrong credentials and an unknown keyspace. They say nothing about the server's health.
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
    private final ServerHealth health;

    /**
     * Creates a connector.
     *
     * @param poolName the pool's logging name, for messages
     * @param settings how connections are opened
     * @param observer told of every failed attempt
     * @param health told which servers answer
     */
    public Connector(String poolName, ConnectionSettings settings, FailureObserver observer, ServerHealth health) {
        this.poolName = poolName;
        this.settings = settings;
        this.observer = observer;
        this.health = health;
    }

    /**
     * Opens a connection to the next server in turn, moving on to the following ones when it fails.
     *
     * @throws AllServersUnavailableException when every server of the list failed; the cause is the last failure
     * @throws PoolException when the login was refused or the keyspace cannot be used
     */
    public Connection open(ServerList servers) {
        return openFirst(servers.attemptOrder(), servers);
    }

    /**
     * Opens a connection that replaces another (recycling), to the up server with the fewest open connections so
     * that the load stays even, falling back to the others in turn.
     */
    public Connection openReplacement(ServerList servers) {
        List<Server> order = new ArrayList<>(servers.attemptOrder());
        Server preferred = servers.leastConnected();
        order.remove(preferred);
        order.add(0, preferred);
        return openFirst(order, servers);
    }

    /**
     * Opens a connection to the first of {@code preferred} that answers (the replicas of a row key, in order), those
     * that are up first, then to any other server in turn, so that a connection is opened whenever any server can be
     * reached.
     */
    public Connection openPreferring(List<Server> preferred, ServerList servers) {
        List<Server> others = servers.attemptOrder();
        List<Server> order = new ArrayList<>(others.size() + preferred.size());
        for (int i = 0; i < preferred.size(); i++) {
            if (preferred.get(i).isUp()) {
                order.add(preferred.get(i));
            }
        }
        for (Server server : others) {
            if (!preferred.contains(server)) {
                order.add(server);
            }
        }
        for (int i = 0; i < preferred.size(); i++) {
            if (!preferred.get(i).isUp()) {
                order.add(preferred.get(i));
            }
        }
        return openFirst(order, servers);
    }

    private Connection openFirst(List<Server> order, ServerList servers) {
        Throwable lastFailure = null;
        Server lastServer = null;
        for (Server server : order) {
            try {
                Connection connection = Connection.open(server, settings);
                health.succeeded(server);
                return connection;
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
        health.failed(server, error);
    }
}
