package dev.casspool.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.cassandra.thrift.AuthenticationRequest;
import org.apache.cassandra.thrift.Cassandra;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSSLTransportFactory;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.layered.TFramedTransport;

/**
 * One plain Thrift connection to a node (framed transport, binary protocol), without pooling: what the harness uses
 * to check nodes and change schema, and what tests use as a reference client.
 */
public final class ThriftConnection implements AutoCloseable {

    private final TTransport transport;
    private final Cassandra.Client client;

    private ThriftConnection(TTransport socket) throws TTransportException {
        this.transport = new TFramedTransport(socket);
        if (!transport.isOpen()) {
            transport.open();
        }
        this.client = new Cassandra.Client(new TBinaryProtocol(transport));
    }

    /**
     * Opens a plain connection.
     *
     * @param hostAndPort {@code "host:port"}
     * @param timeout connect and read timeout
     */
    public static ThriftConnection open(String hostAndPort, Duration timeout) throws TTransportException {
        int colon = hostAndPort.lastIndexOf(':');
        return open(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)), timeout);
    }

    /** Opens a plain connection to {@code host:port}, with {@code timeout} for connect and every read. */
    public static ThriftConnection open(String host, int port, Duration timeout) throws TTransportException {
        return new ThriftConnection(new TSocket(host, port, Math.toIntExact(timeout.toMillis())));
    }

    /**
     * Opens a TLS connection that trusts the certificates in {@code truststore}.
     *
     * @param hostAndPort {@code "host:port"}
     * @param timeout connect and read timeout
     * @param truststore a keystore holding the node's certificate
     * @param truststorePassword its password
     */
    public static ThriftConnection openTls(String hostAndPort, Duration timeout, Path truststore,
                                           String truststorePassword) throws TTransportException {
        int colon = hostAndPort.lastIndexOf(':');
        TSSLTransportFactory.TSSLTransportParameters params = new TSSLTransportFactory.TSSLTransportParameters();
        params.setTrustStore(truststore.toAbsolutePath().toString(), truststorePassword);
        return new ThriftConnection(TSSLTransportFactory.getClientSocket(hostAndPort.substring(0, colon),
                Integer.parseInt(hostAndPort.substring(colon + 1)), Math.toIntExact(timeout.toMillis()), params));
    }

    /** Logs in with Thrift {@code login}; returns this connection. */
    public ThriftConnection login(String username, String password) throws TException {
        client.login(new AuthenticationRequest(Map.of("username", username, "password", password)));
        return this;
    }

    /** Sets the keyspace of this connection; returns this connection. */
    public ThriftConnection useKeyspace(String keyspace) throws TException {
        client.set_keyspace(keyspace);
        return this;
    }

    /** The generated Thrift client on this connection. */
    public Cassandra.Client client() {
        return client;
    }

    @Override
    public void close() {
        transport.close();
    }
}
