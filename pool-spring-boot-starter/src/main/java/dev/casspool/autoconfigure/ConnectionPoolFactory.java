package dev.casspool.autoconfigure;

import dev.casspool.ConnectionPool;
import dev.casspool.InvalidSettingException;
import dev.casspool.PoolListener;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundle;

/**
 * Builds an auto-configured pool from its {@link CassandraPoolProperties}, its {@link CassandraPoolConnectionDetails},
 * listener beans and customizers, and reports a rejected setting as an
 * {@link InvalidConfigurationPropertyValueException} naming its key ({@code cassandra.pool.*}, or the named pool's
 * {@code cassandra.pool.pools.<name>.*}), so that Spring Boot's failure analysis shows the key, the value, where it
 * was set and why it is wrong.
 */
final class ConnectionPoolFactory {

    /** A property that holds a setting the builder checks: its key after the pool's prefix, and its value. */
    private record Property(String key, Function<CassandraPoolProperties, Object> value) {
    }

    /** The settings that {@link ConnectionPool.Builder#build()} checks that a property holds, by setting name. */
    private static final Map<String, Property> CHECKED_SETTINGS = Map.ofEntries(
            Map.entry("keyspace", new Property("keyspace", CassandraPoolProperties::keyspace)),
            Map.entry("serverList", new Property("server-list", CassandraPoolProperties::serverList)),
            Map.entry("poolSize", new Property("pool-size", CassandraPoolProperties::poolSize)),
            Map.entry("maxOverflow", new Property("max-overflow", CassandraPoolProperties::maxOverflow)),
            Map.entry("poolTimeout", new Property("pool-timeout", CassandraPoolProperties::poolTimeout)),
            Map.entry("recycle", new Property("recycle", CassandraPoolProperties::recycle)),
            Map.entry("maxRetries", new Property("max-retries", CassandraPoolProperties::maxRetries)),
            Map.entry("loggingName", new Property("logging-name", CassandraPoolProperties::loggingName)),
            Map.entry("maxLifetime", new Property("max-lifetime", CassandraPoolProperties::maxLifetime)),
            Map.entry("idleTimeout", new Property("idle-timeout", CassandraPoolProperties::idleTimeout)),
            Map.entry("leakDetectionThreshold", new Property("leak-detection-threshold",
                    CassandraPoolProperties::leakDetectionThreshold)),
            Map.entry("serverRetryInitialDelay", new Property("server-retry-initial-delay",
                    CassandraPoolProperties::serverRetryInitialDelay)),
            Map.entry("serverRetryMaxDelay", new Property("server-retry-max-delay",
                    CassandraPoolProperties::serverRetryMaxDelay)),
            Map.entry("ringRefreshInterval", new Property("ring.refresh-interval",
                    properties -> properties.ring().refreshInterval())),
            Map.entry("localDatacenter", new Property("ring.local-datacenter",
                    properties -> properties.ring().localDatacenter())),
            Map.entry("tokenAware", new Property("token-aware", CassandraPoolProperties::tokenAware)));

    private ConnectionPoolFactory() {
    }

    /**
     * What a pool is built from.
     *
     * @param propertyPrefix the pool's property prefix, with the trailing dot, for error messages
     * @param defaultLoggingName the pool's name when {@code logging-name} is unset, or null for pool-core's default
     * @param properties the pool's settings
     * @param connectionDetails where the pool connects to and how it logs in
     */
    record Declaration(String propertyPrefix, String defaultLoggingName, CassandraPoolProperties properties,
                       CassandraPoolConnectionDetails connectionDetails) {

        /**
         * Whether the servers and credentials are the properties' (the default), rather than those of a
         * {@link CassandraPoolConnectionDetails} bean, which no key names.
         */
        boolean connectsAsConfigured() {
            return connectionDetails instanceof PropertiesCassandraPoolConnectionDetails;
        }
    }

    /**
     * Builds the pool: properties and connection details first, then the listeners, then the customizers, which have
     * the last word.
     *
     * @throws InvalidConfigurationPropertyValueException when a property holds a value the pool rejects
     */
    static ConnectionPool create(Declaration pool, Stream<PoolListener> listeners,
                                 Stream<ConnectionPoolCustomizer> customizers) {
        CassandraPoolProperties properties = pool.properties();
        CassandraPoolConnectionDetails details = pool.connectionDetails();
        ConnectionPool.Builder builder = ConnectionPool.builder()
                .keyspace(properties.keyspace())
                .serverList(details.getServerList())
                .timeout(socketTimeout(pool.propertyPrefix(), properties.timeout()))
                .useThreadLocal(properties.useThreadlocal())
                .poolSize(properties.poolSize())
                .maxOverflow(properties.maxOverflow())
                .poolTimeout(properties.poolTimeout())
                .recycle(properties.recycle())
                .maxRetries(properties.maxRetries())
                .retryCounterMutations(properties.retryCounterMutations())
                .prefill(properties.prefill())
                .loggingName(properties.loggingName() != null ? properties.loggingName() : pool.defaultLoggingName())
                .maxLifetime(properties.maxLifetime())
                .idleTimeout(properties.idleTimeout())
                .validateAfterIdle(nullIfNegative(properties.validateAfterIdle()))
                .leakDetectionThreshold(properties.leakDetectionThreshold())
                .serverRetryInitialDelay(properties.serverRetryInitialDelay())
                .serverRetryMaxDelay(properties.serverRetryMaxDelay())
                .ringDiscovery(properties.ring().discovery())
                .ringRefreshInterval(properties.ring().refreshInterval())
                .localDatacenter(properties.ring().localDatacenter())
                .tokenAware(properties.tokenAware());
        applyCredentials(pool, builder);
        SslBundle tls = details.getSslBundle();
        if (tls != null) {
            builder.socketFactory(new SslBundleSocketFactory(tls, properties.ssl().verifyHostname()));
        }
        listeners.forEach(builder::listener);
        customizers.forEach(customizer -> customizer.customize(builder));
        try {
            return builder.build();
        } catch (InvalidSettingException e) {
            throw asInvalidProperty(e, pool);
        }
    }

    private static Duration socketTimeout(String prefix, Duration timeout) {
        if (timeout.isZero()) {
            throw new InvalidConfigurationPropertyValueException(prefix + "timeout", timeout,
                    "A socket timeout must be positive; use -1 for no timeout.");
        }
        return nullIfNegative(timeout);
    }

    /**
     * The builder takes null for "none" or "never" (pycassa's None); a property with a default cannot be unset, so -1
     * (any negative value) stands for it.
     */
    private static Duration nullIfNegative(Duration duration) {
        return duration.isNegative() ? null : duration;
    }

    /**
     * Logs in when the details give a username and a password. When they come from the properties and only one is set,
     * the report names the missing key; other details are the application's own, and pool-core's error says it.
     */
    private static void applyCredentials(Declaration pool, ConnectionPool.Builder builder) {
        String username = pool.connectionDetails().getUsername();
        String password = pool.connectionDetails().getPassword();
        if (username == null && password == null) {
            return;
        }
        if (pool.connectsAsConfigured()) {
            String prefix = pool.propertyPrefix();
            if (username == null) {
                throw new InvalidConfigurationPropertyValueException(prefix + "username", null,
                        "A username is required when " + prefix + "password is set.");
            }
            if (password == null) {
                throw new InvalidConfigurationPropertyValueException(prefix + "password", null,
                        "A password is required when " + prefix + "username is set.");
            }
        }
        builder.credentials(username, password);
    }

    /**
     * Names the property behind a setting the builder rejected. A setting that no property holds (a customizer set
     * it, or the servers came from a connection details bean) is reported as the builder reported it.
     */
    private static RuntimeException asInvalidProperty(InvalidSettingException failure, Declaration pool) {
        String setting = failure.setting();
        Property property = CHECKED_SETTINGS.get(setting);
        if (property == null || setting.equals("serverList") && !pool.connectsAsConfigured()) {
            return failure;
        }
        Object value = failure.value();
        return new InvalidConfigurationPropertyValueException(pool.propertyPrefix() + property.key(),
                property.value().apply(pool.properties()), property.key() + " " + failure.reason() + ", was "
                        + (value instanceof CharSequence ? "\"" + value + "\"" : value) + ".");
    }
}
