package dev.casspool.autoconfigure;

import dev.casspool.ConnectionPool;

/**
 * Adjusts the builder of the auto-configured {@link ConnectionPool} after {@code cassandra.pool.*} is applied and
 * before the pool is built: for what properties cannot express, such as a TLS {@link dev.casspool.SocketFactory}, a
 * {@link dev.casspool.TransportFactory} or a server list found at runtime. Every bean of this type is called, in
 * {@link org.springframework.core.annotation.Order @Order}; a value it sets wins over the property.
 */
@FunctionalInterface
public interface ConnectionPoolCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder, with the properties applied
     */
    void customize(ConnectionPool.Builder builder);
}
