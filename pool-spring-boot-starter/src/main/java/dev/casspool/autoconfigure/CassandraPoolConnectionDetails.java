package dev.casspool.autoconfigure;

import java.util.List;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Where the auto-configured pools connect to and how they log in, as Spring Boot's {@code CassandraConnectionDetails}
 * says it for the CQL driver. The starter's default reads {@code cassandra.pool.*} (each named pool its own,
 * inherited, keys); a bean of this type that the application, a test or a development service defines replaces it,
 * for every pool the starter builds, so that they can supply servers the properties do not know of, such as a node a
 * test started.
 *
 * <pre>{@code
 * @Bean
 * CassandraPoolConnectionDetails testCassandra() {
 *     return () -> List.of("127.0.0.1:" + node.thriftPort());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface CassandraPoolConnectionDetails extends ConnectionDetails {

    /**
     * Cassandra's Thrift endpoints.
     *
     * @return the endpoints, as {@code "host:port"} ({@code "host"} alone means port 9160)
     */
    List<String> getServerList();

    /**
     * Login name for Thrift {@code login}.
     *
     * @return the name, or {@code null} to connect without logging in
     */
    default String getUsername() {
        return null;
    }

    /**
     * Login password.
     *
     * @return the password, or {@code null} to connect without logging in
     */
    default String getPassword() {
        return null;
    }

    /**
     * TLS material for the connections.
     *
     * @return the SSL bundle whose trust (and key) material the connections use, or {@code null} for plain sockets
     */
    default SslBundle getSslBundle() {
        return null;
    }
}
