package dev.casspool.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.cassandra.thrift.AuthenticationException;
import org.apache.cassandra.thrift.AuthenticationRequest;
import org.apache.cassandra.thrift.AuthorizationException;
import org.apache.cassandra.thrift.Cassandra;
import org.apache.cassandra.thrift.InvalidRequestException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TTransport;

/**
 * One open Thrift connection to one server, logged in and set to the pool's keyspace. Used by one thread at a time
 * (the one holding the connection's wrapper), apart from {@link #server()} and {@link #isOpen()}.
 */
public final class Connection {

    private final Server server;
    private final TTransport transport;
    private final Cassandra.Client client;
    private final String poolKeyspace;
    private volatile boolean usable = true;
    private boolean changedByCaller;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Connection(Server server, TTransport transport, Cassandra.Client client, String poolKeyspace) {
        this.server = server;
        this.transport = transport;
        this.client = client;
        this.poolKeyspace = poolKeyspace;
        server.connectionOpened();
    }

    /**
     * Opens a connection as pycassa does: open the transport, {@code login} when there are credentials, then
     * {@code set_keyspace}. Whatever fails, the transport is closed before the exception leaves; a refused login
     * arrives as a {@link LoginRefusedException} whose cause is Cassandra's answer.
     */
    public static Connection open(Server server, ConnectionSettings settings) throws TException {
        TTransport transport = openTransport(server, settings, settings.timeout());
        try {
            Cassandra.Client client = new Cassandra.Client(new TBinaryProtocol(transport));
            if (settings.credentials() != null) {
                try {
                    client.login(new AuthenticationRequest(settings.credentials()));
                } catch (AuthenticationException | AuthorizationException | InvalidRequestException refused) {
                    throw new LoginRefusedException(refused);
                }
            }
            client.set_keyspace(settings.keyspace());
            return new Connection(server, transport, client, settings.keyspace());
        } catch (TException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /**
     * Checks that {@code server} serves Thrift: a {@code describe_version} on a connection of its own, closed
     * afterwards. A frozen server accepts the TCP connection but fails this within {@code timeout}.
     */
    static void probe(Server server, ConnectionSettings settings, Duration timeout) throws TException {
        TTransport transport = openTransport(server, settings, timeout);
        try {
            new Cassandra.Client(new TBinaryProtocol(transport)).describe_version();
        } finally {
            transport.close();
        }
    }

    private static TTransport openTransport(Server server, ConnectionSettings settings, Duration timeout)
            throws TException {
        TTransport socket = settings.socketFactory().create(server.host(), server.port(), timeout);
        try {
            TTransport transport = settings.transportFactory().wrap(socket, server.host(), server.port());
            if (!transport.isOpen()) {
                transport.open();
            }
            return transport;
        } catch (TException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The server this connection talks to. */
    public Server server() {
        return server;
    }

    /** The generated Thrift client on this connection. */
    public Cassandra.Client client() {
        return client;
    }

    /**
     * Whether the connection can be handed to the next user: not closed or broken by a failure (only the pool closes
     * transports, and it clears {@code usable} when it does, so no socket call is needed on the check-in path), and
     * still logged in as the pool's user on the pool's keyspace.
     */
    public boolean isReusable() {
        return usable && !changedByCaller;
    }

    /** Whether the socket is open and no failure has broken the connection. */
    public boolean isOpen() {
        return usable && transport.isOpen();
    }

    /**
     * Marks the connection as unfit for further use: a transport failure, a protocol error or an interrupted call can
     * leave a reply in flight that would be read as the answer to the next call.
     */
    public void markBroken() {
        usable = false;
    }

    /** Records that the caller switched keyspace or logged in as someone else; such a connection is not reused. */
    public void markChangedByCaller(String keyspace) {
        if (keyspace == null || !keyspace.equals(poolKeyspace)) {
            changedByCaller = true;
        }
    }

    /**
     * Closes the socket. Idempotent, and without a monitor: a virtual thread that closes a socket inside a
     * {@code synchronized} block would pin its carrier thread on Java 21.
     */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            usable = false;
            transport.close();
            server.connectionClosed();
        }
    }

    @Override
    public String toString() {
        return poolKeyspace + "@" + server.address();
    }
}
