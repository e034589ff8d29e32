package dev.casspool.autoconfigure;

import dev.casspool.AllServersUnavailableException;
import javax.net.ssl.SSLException;
import org.apache.thrift.transport.TTransportException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains the two ways TLS keeps the pool from its first connections at startup, with the
 * {@code cassandra.pool.ssl.*} keys to set: a TLS handshake that failed (the server's certificate is not trusted, does
 * not name the host, or the server does not speak TLS), and a plain connection to a server that requires TLS, which
 * answers it with a TLS alert where a Thrift frame should be (a frame size that is no frame size: libthrift's
 * {@link TTransportException#CORRUPTED_DATA}). Ordered before {@link ConnectionPoolFailureAnalyzer}, whose report of
 * unreachable servers would otherwise cover these too.
 */
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class ConnectionPoolTlsFailureAnalyzer extends AbstractFailureAnalyzer<AllServersUnavailableException> {

    private static final String KEYS = " (for a named pool, cassandra.pool.pools.<name>.ssl.*)";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AllServersUnavailableException cause) {
        SSLException handshake = findCause(cause, SSLException.class);
        if (handshake != null) {
            return new FailureAnalysis("The Cassandra connection pool's TLS handshake failed: " + handshake.getMessage()
                    + " (" + cause.getMessage() + ")",
                    "Make the trust store of the SSL bundle named by cassandra.pool.ssl.bundle" + KEYS + " hold the"
                    + " server's certificate or the certificate of the authority that signed it"
                    + " (spring.ssl.bundle.jks.<bundle>.truststore.* or spring.ssl.bundle.pem.<bundle>.truststore.*);"
                    + " with cassandra.pool.ssl.enabled=true and no bundle, the JVM's default trust store is used."
                    + " If the certificate does not name the host as cassandra.pool.server-list gives it, use a name it"
                    + " has, or set cassandra.pool.ssl.verify-hostname=false. If the server does not use TLS, set"
                    + " cassandra.pool.ssl.enabled=false.", cause);
        }
        TTransportException transport = findCause(cause, TTransportException.class);
        if (transport != null && transport.getType() == TTransportException.CORRUPTED_DATA) {
            return new FailureAnalysis("The Cassandra connection pool connected, but the server did not answer with"
                    + " Thrift: " + transport.getMessage() + " (" + cause.getMessage() + "). A Cassandra node that"
                    + " requires TLS on Thrift (client_encryption_options in cassandra.yaml) answers a plain"
                    + " connection so.",
                    "Connect with TLS: set cassandra.pool.ssl.bundle to the name of an SSL bundle"
                    + " (spring.ssl.bundle.jks.<bundle>.truststore.* or spring.ssl.bundle.pem.<bundle>.*) that trusts"
                    + " the server's certificate, or cassandra.pool.ssl.enabled=true to trust what the JVM's default"
                    + " trust store trusts" + KEYS + ". Check too that cassandra.pool.server-list names the Thrift port"
                    + " (rpc_port, 9160 by default), not the CQL native port.", cause);
        }
        return null;
    }
}
