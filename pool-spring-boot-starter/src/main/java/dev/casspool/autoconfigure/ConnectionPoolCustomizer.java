package dev.casspool.autoconfigure;

import dev.casspool.ConnectionPool;

/**
 * Adjusts the builder of an auto-configured {@link ConnectionPool} after {@code cassandra.pool.*} is applied and
 * before the pool is built: for what properties cannot express, such as a custom {@link dev.casspool.SocketFactory}, a
 * {@link dev.casspool.TransportFactory} or a server list found at runtime. Every bean of this type is called, in
 * {@link org.springframework.core.annotation.Order @Order}; a value it sets wins over the property.
 *
 * <p>A customizer applies to every pool the starter builds. To customize one of the pools of
 * {@code cassandra.pool.pools}, qualify the bean with the pool's name:
 *
 * <pre>{@code
 * @Bean
 * @Qualifier("orders")
 * ConnectionPoolCustomizer ordersCustomizer() {
 *     return builder -> builder.maxLifetime(Duration.ofMinutes(30));
 * }
 * }</pre>
 *
 * <p>A {@code @Qualifier} that names no {@link ConnectionPool} bean fails the start. {@link dev.casspool.PoolListener}
 * beans are applied by the same rule.
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
