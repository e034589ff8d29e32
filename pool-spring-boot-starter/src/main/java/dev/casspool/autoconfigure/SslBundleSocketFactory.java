package dev.casspool.autoconfigure;

import dev.casspool.SocketFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * TLS sockets for Cassandra's Thrift port ({@code client_encryption_options}) from a Spring Boot {@link SslBundle}:
 * its SSL context (trust material, and key material for client certificates), its protocol, and its ciphers and
 * enabled protocols if it names any. The handshake happens here, within the pool's socket timeout, so that a server
 * that is not trusted fails the connect with the handshake's reason rather than the first call.
 *
 * <p>With {@code verifyHostname}, the server's certificate must name the host as the server list gives it (a DNS name
 * or an IP address in its subject alternative names), as HTTPS clients check.
 */
final class SslBundleSocketFactory implements SocketFactory {

    private final SSLSocketFactory sockets;
    private final SslOptions options;
    private final boolean verifyHostname;

    SslBundleSocketFactory(SslBundle bundle, boolean verifyHostname) {
        this.sockets = bundle.createSslContext().getSocketFactory();
        this.options = bundle.getOptions();
        this.verifyHostname = verifyHostname;
    }

    @Override
    public TTransport create(String host, int port, Duration timeout) throws TTransportException {
        int millis = timeout == null ? 0 : Math.toIntExact(Math.max(1, timeout.toMillis()));
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), millis);
            SSLSocket socket = (SSLSocket) sockets.createSocket(plain, host, port, true);
            socket.setSSLParameters(parameters(socket));
            socket.setSoTimeout(millis);
            socket.startHandshake();
            return new TSocket(socket);
        } catch (IOException e) {
            try {
                plain.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw new TTransportException(TTransportException.NOT_OPEN, "TLS connection to " + host + ":" + port
                    + " failed: " + e, e);
        }
    }

    private SSLParameters parameters(SSLSocket socket) {
        SSLParameters parameters = socket.getSSLParameters();
        if (verifyHostname) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (options.getCiphers() != null) {
            parameters.setCipherSuites(options.getCiphers());
        }
        if (options.getEnabledProtocols() != null) {
            parameters.setProtocols(options.getEnabledProtocols());
        }
        return parameters;
    }
}
