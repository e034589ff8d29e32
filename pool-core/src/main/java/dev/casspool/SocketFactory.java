package dev.casspool;

import java.time.Duration;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * Creates the socket transport of a new connection (pycassa's {@code socket_factory}). The pool opens it if it is not
 * open yet. A TLS socket factory returns an opened TLS socket, for example from
 * {@code TSSLTransportFactory.getClientSocket(host, port, timeoutMillis, params)}.
 */
@FunctionalInterface
public interface SocketFactory {

    /**
     * Creates the socket.
     *
     * @param host the server's host
     * @param port the server's Thrift port
     * @param timeout connect and read timeout, or null for none
     * @return the socket transport, open or not
     * @throws TTransportException when the socket cannot be created
     */
    TTransport create(String host, int port, Duration timeout) throws TTransportException;

    /** The default: a plain {@link TSocket} with connect and read timeouts set from {@code timeout}. */
    static SocketFactory plain() {
        return (host, port, timeout) -> {
            int millis = timeout == null ? 0 : Math.toIntExact(Math.max(1, timeout.toMillis()));
            return new TSocket(new org.apache.thrift.TConfiguration(), host, port, millis, millis);
        };
    }
}
