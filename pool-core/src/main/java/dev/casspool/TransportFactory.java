package dev.casspool;

import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.layered.TFramedTransport;

/**
 * Wraps a connection's socket in the transport that Cassandra's Thrift server speaks (pycassa's
 * {@code transport_factory}). The protocol on top is always binary.
 */
@FunctionalInterface
public interface TransportFactory {

    /**
     * Wraps the socket.
     *
     * @param socket the socket made by the {@link SocketFactory}
     * @param host the server's host
     * @param port the server's Thrift port
     * @return the transport to speak the binary protocol over
     * @throws TTransportException when the transport cannot be created
     */
    TTransport wrap(TTransport socket, String host, int port) throws TTransportException;

    /** The default: a framed transport, which Cassandra's Thrift server requires. */
    static TransportFactory framed() {
        return (socket, host, port) -> new TFramedTransport(socket);
    }
}
