package dev.casspool.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * The {@link Observation.Context} of one Thrift call through a pool ({@link CassandraOperationObservation}): which
 * call, on which keyspace, and on which server, for conventions to turn into key values. A client span when Micrometer
 * Tracing is present: Thrift carries no headers, so nothing is propagated to the server.
 */
public class CassandraOperationContext extends SenderContext<Object> {

    private final String poolName;
    private final String keyspace;
    private final String operation;
    private String serverHost;
    private int serverPort;
    private boolean finished;

    /**
     * Creates the context of a call.
     *
     * @param poolName the pool's logging name
     * @param keyspace the keyspace of the pool's connections
     * @param operation the Thrift method, such as {@code get_slice} or {@code batch_mutate}
     * @param serverHost the host of the server the call starts on
     * @param serverPort the Thrift port of that server
     */
    public CassandraOperationContext(String poolName, String keyspace, String operation, String serverHost,
                                     int serverPort) {
        super((carrier, key, value) -> {
        }, Kind.CLIENT);
        this.poolName = poolName;
        this.keyspace = keyspace;
        this.operation = operation;
        setRemoteServiceName("cassandra");
        setServer(serverHost, serverPort);
    }

    /** The logging name of the pool the call runs through. */
    public String getPoolName() {
        return poolName;
    }

    /** The keyspace of the pool's connections. */
    public String getKeyspace() {
        return keyspace;
    }

    /** The Thrift method called, such as {@code get_slice} or {@code batch_mutate}. */
    public String getOperation() {
        return operation;
    }

    /** The host of the server the call runs on (after a failover, the new one). */
    public String getServerHost() {
        return serverHost;
    }

    /** The Thrift port of the server the call runs on. */
    public int getServerPort() {
        return serverPort;
    }

    /** Records the server the call runs on now: the pool calls it when the call fails over to another server. */
    public void setServer(String host, int port) {
        this.serverHost = host;
        this.serverPort = port;
        setRemoteServiceAddress("cassandra://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
    }

    /**
     * Whether the call has ended, with its result or an error ({@link #getError()}); its outcome is known only then.
     */
    public boolean isFinished() {
        return finished;
    }

    /** Records that the call has ended: the pool calls it before the observation stops. */
    public void finished() {
        this.finished = true;
    }
}
