package dev.casspool.internal;

import dev.casspool.InvalidSettingException;
import dev.casspool.PoolListener;
import dev.casspool.SocketFactory;
import dev.casspool.TransportFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A pool's settings, checked: every value on its own and the values together. The {@code ConnectionPool.Builder}
 * collects them; building this record is where a bad value is found, and {@link InvalidSettingException} names the
 * setting (as the builder method is named), the value (never the password) and what it must be.
 *
 * @param keyspace every connection is set to it
 * @param servers the server list, read when the pool is built (and again on each {@code setServerList})
 * @param credentials sent with Thrift {@code login}, or null for none
 * @param timeout socket connect and read timeout, or null for none
 * @param useThreadLocal whether a thread's repeated gets return the connection it holds
 * @param poolSize connections kept open when idle
 * @param maxOverflow extra connections allowed when all are checked out; -1 for no limit
 * @param poolTimeout how long a get waits at the maximum; zero: not at all; negative: forever
 * @param recycle operations after which a connection is replaced at check-in; -1: never
 * @param maxRetries retries of a failed data call on other servers; -1: no limit
 * @param retryCounterMutations whether counter mutations are retried too
 * @param prefill whether {@code poolSize} connections are opened when the pool is built
 * @param socketFactory makes sockets
 * @param transportFactory wraps sockets
 * @param loggingName the pool's name, or null for {@code casspool-N}
 * @param maxLifetime how long a connection may live, or null for ever
 * @param idleTimeout how long a connection may idle, or null for ever
 * @param validateAfterIdle idle time after which a connection must answer before it is handed out, or null
 * @param leakDetectionThreshold how long a check-out may last before it is reported, or null
 * @param serverRetryInitialDelay wait before the first probe of a server marked down
 * @param serverRetryMaxDelay longest wait between probes
 * @param listeners the listeners, in the order added
 * @param ring whether and how the pool discovers the ring and routes row keys
 * @param observations makes the observer of the pool's Thrift calls ({@link OperationObserver.Factory#NONE}: none)
 */
public record PoolSettings(String keyspace, Supplier<? extends List<String>> servers, Map<String, String> credentials,
                           Duration timeout, boolean useThreadLocal, int poolSize, int maxOverflow,
                           Duration poolTimeout, int recycle, int maxRetries, boolean retryCounterMutations,
                           boolean prefill, SocketFactory socketFactory, TransportFactory transportFactory,
                           String loggingName, Duration maxLifetime, Duration idleTimeout, Duration validateAfterIdle,
                           Duration leakDetectionThreshold, Duration serverRetryInitialDelay,
                           Duration serverRetryMaxDelay, List<PoolListener> listeners, RingSettings ring,
                           OperationObserver.Factory observations) {

    /**
     * Checks every setting.
     *
     * @throws InvalidSettingException naming the first bad setting
     */
    public PoolSettings {
        if (keyspace == null || keyspace.isBlank()) {
            throw new InvalidSettingException("keyspace", keyspace, "is required and must not be blank");
        }
        if (servers == null) {
            throw new InvalidSettingException("serverList", null, "must name at least one server (\"host:port\")");
        }
        requireAtLeast("poolSize", poolSize, 0, "");
        requireAtLeast("maxOverflow", maxOverflow, -1, " (-1 means no limit)");
        if (poolSize == 0 && maxOverflow == 0) {
            throw new InvalidSettingException("poolSize", poolSize, "must be at least 1 when maxOverflow is 0: the"
                    + " pool could never hand out a connection");
        }
        requireAtLeast("recycle", recycle, -1, " (-1 means never)");
        requireAtLeast("maxRetries", maxRetries, -1, " (-1 means no limit)");
        requirePositiveOrNull("timeout", timeout, "no timeout");
        if (poolTimeout == null) {
            throw new InvalidSettingException("poolTimeout", null, "must not be null (zero fails at once, negative"
                    + " waits forever)");
        }
        requireNotNull("socketFactory", socketFactory);
        requireNotNull("transportFactory", transportFactory);
        if (loggingName != null && loggingName.isBlank()) {
            throw new InvalidSettingException("loggingName", loggingName, "must not be blank");
        }
        requirePositiveOrNull("maxLifetime", maxLifetime, "none");
        requirePositiveOrNull("idleTimeout", idleTimeout, "none");
        if (validateAfterIdle != null && validateAfterIdle.isNegative()) {
            throw new InvalidSettingException("validateAfterIdle", validateAfterIdle, "must be zero or positive, or"
                    + " null for never");
        }
        requirePositiveOrNull("leakDetectionThreshold", leakDetectionThreshold, "off");
        requirePositive("serverRetryInitialDelay", serverRetryInitialDelay);
        requirePositive("serverRetryMaxDelay", serverRetryMaxDelay);
        if (serverRetryMaxDelay.compareTo(serverRetryInitialDelay) < 0) {
            throw new InvalidSettingException("serverRetryMaxDelay", serverRetryMaxDelay, "must not be shorter than"
                    + " serverRetryInitialDelay (" + serverRetryInitialDelay + ")");
        }
        credentials = checkedCredentials(credentials);
        if (listeners.contains(null)) {
            throw new InvalidSettingException("listener", null, "must not be null");
        }
        listeners = List.copyOf(listeners);
        requireNotNull("ring", ring);
        requireNotNull("observations", observations);
    }

    /** The most connections open at once: {@code poolSize + maxOverflow}, or {@link Integer#MAX_VALUE}. */
    public int maxConnections() {
        return maxOverflow == -1 ? Integer.MAX_VALUE : poolSize + maxOverflow;
    }

    /** How connections are opened. */
    public ConnectionSettings connectionSettings() {
        return new ConnectionSettings(keyspace, credentials, timeout, socketFactory, transportFactory);
    }

    @Override
    public String toString() {
        return "PoolSettings[keyspace=" + keyspace + ", poolSize=" + poolSize + ", maxOverflow=" + maxOverflow
                + ", username=" + (credentials == null ? null : credentials.get("username")) + "]";
    }

    /** The credentials, immutable, or null for none; they may hold no null key or value. */
    private static Map<String, String> checkedCredentials(Map<String, String> credentials) {
        if (credentials == null) {
            return null;
        }
        credentials.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new InvalidSettingException("credentials", key, "must not hold null keys or values (key "
                        + (key == null ? "null" : "'" + key + "'") + ")");
            }
        });
        return Map.copyOf(credentials);
    }

    private static void requireNotNull(String setting, Object value) {
        if (value == null) {
            throw new InvalidSettingException(setting, null, "must not be null");
        }
    }

    private static void requirePositiveOrNull(String setting, Duration value, String nullMeaning) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new InvalidSettingException(setting, value, "must be positive, or null for " + nullMeaning);
        }
    }

    private static void requirePositive(String setting, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidSettingException(setting, value, "must be positive");
        }
    }

    private static void requireAtLeast(String setting, int value, int minimum, String note) {
        if (value < minimum) {
            throw new InvalidSettingException(setting, value, "must be at least " + minimum + note);
        }
    }
}
