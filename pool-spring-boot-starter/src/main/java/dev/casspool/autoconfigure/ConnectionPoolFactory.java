package dev.casspool.autoconfigure;

import dev.casspool.ConnectionPool;
import dev.casspool.InvalidSettingException;
import dev.casspool.PoolListener;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Builds the auto-configured pool from {@link CassandraPoolProperties}, listener beans and customizers, and reports a
 * rejected setting as an {@link InvalidConfigurationPropertyValueException} naming its {@code cassandra.pool.*} key, so
 * that Spring Boot's failure analysis shows the key, the value, where it was set and why it is wrong.
 */
final class ConnectionPoolFactory {

    private static final String PREFIX = "cassandra.pool.";

    /** The settings that {@link ConnectionPool.Builder#build()} checks that a property holds, by setting name. */
    private static final Map<String, Function<CassandraPoolProperties, Object>> CHECKED_SETTINGS = Map.ofEntries(
            Map.entry("keyspace", CassandraPoolProperties::keyspace),
            Map.entry("serverList", CassandraPoolProperties::serverList),
            Map.entry("poolSize", CassandraPoolProperties::poolSize),
            Map.entry("maxOverflow", CassandraPoolProperties::maxOverflow),
            Map.entry("poolTimeout", CassandraPoolProperties::poolTimeout),
            Map.entry("recycle", CassandraPoolProperties::recycle),
            Map.entry("maxRetries", CassandraPoolProperties::maxRetries),
            Map.entry("loggingName", CassandraPoolProperties::loggingName),
            Map.entry("maxLifetime", CassandraPoolProperties::maxLifetime),
            Map.entry("idleTimeout", CassandraPoolProperties::idleTimeout),
            Map.entry("leakDetectionThreshold", CassandraPoolProperties::leakDetectionThreshold),
            Map.entry("serverRetryInitialDelay", CassandraPoolProperties::serverRetryInitialDelay),
            Map.entry("serverRetryMaxDelay", CassandraPoolProperties::serverRetryMaxDelay));

    private ConnectionPoolFactory() {
    }

    /**
     * Builds the pool: properties first, then the listeners, then the customizers, which have the last word.
     *
     * @throws InvalidConfigurationPropertyValueException when a property holds a value the pool rejects
     */
    static ConnectionPool create(CassandraPoolProperties properties, Stream<PoolListener> listeners,
                                 Stream<ConnectionPoolCustomizer> customizers) {
        ConnectionPool.Builder builder = ConnectionPool.builder()
                .keyspace(properties.keyspace())
                .serverList(properties.serverList())
                .timeout(socketTimeout(properties.timeout()))
                .useThreadLocal(properties.useThreadlocal())
                .poolSize(properties.poolSize())
                .maxOverflow(properties.maxOverflow())
                .poolTimeout(properties.poolTimeout())
                .recycle(properties.recycle())
                .maxRetries(properties.maxRetries())
                .retryCounterMutations(properties.retryCounterMutations())
                .prefill(properties.prefill())
                .loggingName(properties.loggingName())
                .maxLifetime(properties.maxLifetime())
                .idleTimeout(properties.idleTimeout())
                .validateAfterIdle(nullIfNegative(properties.validateAfterIdle()))
                .leakDetectionThreshold(properties.leakDetectionThreshold())
                .serverRetryInitialDelay(properties.serverRetryInitialDelay())
                .serverRetryMaxDelay(properties.serverRetryMaxDelay());
        applyCredentials(properties, builder);
        listeners.forEach(builder::listener);
        customizers.forEach(customizer -> customizer.customize(builder));
        try {
            return builder.build();
        } catch (InvalidSettingException e) {
            throw asInvalidProperty(e, properties);
        }
    }

    private static Duration socketTimeout(Duration timeout) {
        if (timeout.isZero()) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "timeout", timeout,
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

    private static void applyCredentials(CassandraPoolProperties properties, ConnectionPool.Builder builder) {
        if (properties.username() == null && properties.password() == null) {
            return;
        }
        if (properties.username() == null) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "username", null,
                    "A username is required when " + PREFIX + "password is set.");
        }
        if (properties.password() == null) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "password", null,
                    "A password is required when " + PREFIX + "username is set.");
        }
        builder.credentials(properties.username(), properties.password());
    }

    /**
     * Names the property behind a setting the builder rejected. A setting that no property holds (a customizer set
     * it) is reported as the builder reported it.
     */
    private static RuntimeException asInvalidProperty(InvalidSettingException failure,
                                                      CassandraPoolProperties properties) {
        Function<CassandraPoolProperties, Object> property = CHECKED_SETTINGS.get(failure.setting());
        if (property == null) {
            return failure;
        }
        String name = failure.setting().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        Object value = failure.value();
        return new InvalidConfigurationPropertyValueException(PREFIX + name, property.apply(properties),
                name + " " + failure.reason() + ", was " + (value instanceof CharSequence ? "\"" + value + "\""
                        : value) + ".");
    }
}
