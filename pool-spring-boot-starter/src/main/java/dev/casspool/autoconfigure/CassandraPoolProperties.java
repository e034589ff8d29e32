package dev.casspool.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the auto-configured {@link dev.casspool.ConnectionPool}, bound from {@code cassandra.pool.*}. The keys
 * are pycassa's {@code ConnectionPool} arguments, and relaxed binding accepts pycassa's own spelling
 * ({@code pool_size: 10}) as well as kebab-case ({@code pool-size: 10}). The defaults are pycassa's, and pool-core's
 * for the settings pycassa does not have. The switch {@code cassandra.pool.enabled} is read by
 * {@link CassandraPoolAutoConfiguration}'s condition, not bound here.
 *
 * <p>{@code cassandra.pool.pools.<name>.*} configures one pool per name (a Thrift connection is bound to one keyspace,
 * so a service that uses two keyspaces needs two pools). Each takes every key of this class; a key a pool does not set
 * has the value of the top-level key ({@code cassandra.pool.<key>}), and then this class's default. Only
 * {@code logging-name} is not inherited: a pool is named after its entry. The values in {@link #pools()} are the
 * pools' effective settings, inherited values included.
 *
 * @param keyspace Keyspace that every connection is set to. Required.
 * @param serverList Cassandra Thrift endpoints as "host:port" ("host" alone means port 9160). New connections go to
 *     them in turn, starting at a random one.
 * @param username Login name, sent with Thrift "login" when set. Needs a password.
 * @param password Login password. Needs a username.
 * @param timeout Socket connect and read timeout. A bare number is in seconds and may have a fraction (0.5); -1 means
 *     no timeout.
 * @param useThreadlocal Whether a thread that gets a connection while it already holds one receives the same
 *     connection again.
 * @param poolSize Number of connections kept open, idle or not.
 * @param maxOverflow Number of connections opened beyond pool-size while every pooled one is checked out; -1 means no
 *     limit.
 * @param poolTimeout How long getting a connection waits when the pool is at its maximum. A bare number is in seconds
 *     and may have a fraction; 0 fails at once, -1 waits forever.
 * @param recycle Number of operations after which a connection is replaced when it is returned; -1 means never.
 * @param maxRetries Number of times a failed data operation is retried on another server; -1 means no limit.
 * @param retryCounterMutations Whether counter increments are retried too, at the risk of counting twice.
 * @param prefill Whether pool-size connections are opened at startup, so that the application fails to start when
 *     Cassandra cannot be reached.
 * @param loggingName Name of the pool in logs, events and the "pool" tag of its metrics. Defaults to "casspool-N".
 * @param maxLifetime How long a connection may live before it is replaced (a checked-out one when it is returned),
 *     for firewalls and load balancers that cut long-lived connections. Unset: for ever. A bare number is in seconds.
 * @param idleTimeout How long a connection may stay idle in the pool before it is closed. Unset: for ever. A bare
 *     number is in seconds.
 * @param validateAfterIdle Idle time after which a connection must answer "describe_version" before it is handed
 *     out; one that does not is replaced. 0 checks every time, -1 never. A bare number is in seconds.
 * @param leakDetectionThreshold How long a connection may stay checked out before a warning with the stack trace of
 *     the code that took it is logged. Unset: no leak detection. A bare number is in seconds.
 * @param serverRetryInitialDelay Wait before the first background probe of a server marked down; it doubles after
 *     each failed probe. A bare number is in seconds.
 * @param serverRetryMaxDelay Longest wait between background probes of a server marked down. A bare number is in
 *     seconds.
 * @param ssl TLS on the Thrift connections.
 * @param ring Discovery of the ring's nodes, from the server list as seeds.
 * @param tokenAware Whether calls about one row key (ColumnFamily's, and ConnectionPool.execute(key, call)) go to a
 *     replica of the key. Needs ring discovery.
 * @param pools Pools by name, one connection pool bean each (named after its entry), instead of the single pool of
 *     the top-level keys. Each takes every cassandra.pool key; a key a pool does not set has the top-level value.
 */
@ConfigurationProperties("cassandra.pool")
public record CassandraPoolProperties(
        String keyspace,
        @DefaultValue("localhost:9160") List<String> serverList,
        String username,
        String password,
        @DefaultValue("500ms") @DecimalSeconds Duration timeout,
        @DefaultValue("true") boolean useThreadlocal,
        @DefaultValue("5") int poolSize,
        @DefaultValue("0") int maxOverflow,
        @DefaultValue("30s") @DecimalSeconds Duration poolTimeout,
        @DefaultValue("10000") int recycle,
        @DefaultValue("5") int maxRetries,
        @DefaultValue("false") boolean retryCounterMutations,
        @DefaultValue("true") boolean prefill,
        String loggingName,
        @DecimalSeconds Duration maxLifetime,
        @DecimalSeconds Duration idleTimeout,
        @DefaultValue("1s") @DecimalSeconds Duration validateAfterIdle,
        @DecimalSeconds Duration leakDetectionThreshold,
        @DefaultValue("500ms") @DecimalSeconds Duration serverRetryInitialDelay,
        @DefaultValue("10s") @DecimalSeconds Duration serverRetryMaxDelay,
        @DefaultValue Ssl ssl,
        @DefaultValue Ring ring,
        @DefaultValue("false") boolean tokenAware,
        @DefaultValue Map<String, CassandraPoolProperties> pools) {

    /** Like the record's own, but with the password masked: these properties end up in logs and failure reports. */
    @Override
    public String toString() {
        return "CassandraPoolProperties[keyspace=" + keyspace + ", serverList=" + serverList
                + ", username=" + username + ", password=" + (password == null ? null : "******")
                + ", timeout=" + timeout + ", useThreadlocal=" + useThreadlocal + ", poolSize=" + poolSize
                + ", maxOverflow=" + maxOverflow + ", poolTimeout=" + poolTimeout + ", recycle=" + recycle
                + ", maxRetries=" + maxRetries + ", retryCounterMutations=" + retryCounterMutations
                + ", prefill=" + prefill + ", loggingName=" + loggingName + ", maxLifetime=" + maxLifetime
                + ", idleTimeout=" + idleTimeout + ", validateAfterIdle=" + validateAfterIdle
                + ", leakDetectionThreshold=" + leakDetectionThreshold
                + ", serverRetryInitialDelay=" + serverRetryInitialDelay
                + ", serverRetryMaxDelay=" + serverRetryMaxDelay + ", ssl=" + ssl + ", ring=" + ring
                + ", tokenAware=" + tokenAware + ", pools=" + pools + "]";
    }

    /**
     * TLS on the Thrift connections, from a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}), as Spring Boot's own
     * Cassandra, Redis, Kafka and MongoDB support configure it.
     *
     * @param enabled Whether connections use TLS. Defaults to true when a bundle is set. Without a bundle, the JVM's
     *     default trust store decides which servers are trusted.
     * @param bundle Name of the SSL bundle (spring.ssl.bundle.jks.NAME or spring.ssl.bundle.pem.NAME) whose trust
     *     material, and key material if any, the connections use.
     * @param verifyHostname Whether the server's certificate must name the host that the server list gives for it.
     */
    public record Ssl(Boolean enabled, String bundle, @DefaultValue("true") boolean verifyHostname) {
    }

    /**
     * Discovery of the ring: the server list names only seeds, and the pool reads the ring ({@code describe_ring})
     * when it starts and every refresh interval, and connects to the nodes it finds.
     *
     * @param discovery Whether the pool discovers the ring's nodes from the server list, as seeds.
     * @param refreshInterval How often the ring is read again. A bare number is in seconds.
     * @param localDatacenter Datacenter whose nodes alone the pool connects to; unset: every datacenter. List seeds of
     *     this datacenter.
     */
    public record Ring(@DefaultValue("false") boolean discovery,
                       @DefaultValue("30s") @DecimalSeconds Duration refreshInterval, String localDatacenter) {
    }
}
