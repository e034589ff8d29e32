package dev.casspool;

import dev.casspool.internal.ConnectionBag;
import dev.casspool.internal.ObservedOperations;
import dev.casspool.internal.OperationObserver;
import dev.casspool.internal.PoolCounters;
import dev.casspool.internal.PoolEngine;
import dev.casspool.internal.PoolEntry;
import dev.casspool.internal.PoolEvents;
import dev.casspool.internal.PoolSettings;
import dev.casspool.internal.RingSettings;
import dev.casspool.internal.Server;
import dev.casspool.internal.ServerDirectory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.thrift.TException;

/**
 * A pool of Thrift connections to a Cassandra cluster, with the contract of pycassa's {@code ConnectionPool}.
 *
 * <p>The pool keeps up to {@code poolSize} connections open, all set to one keyspace, and opens up to
 * {@code maxOverflow} more when every one is checked out; those extra connections are closed when they come back and
 * the pool already holds {@code poolSize} idle ones. When {@code poolSize + maxOverflow} connections are checked out,
 * {@link #get()} waits up to {@code poolTimeout} for one to come back, serving waiters in the order they arrived.
 * New connections go to the servers of the (shuffled) server list in turn. A connection is replaced when it comes
 * back after more than {@code recycle} operations. See {@link ConnectionWrapper} for retries and failover.
 *
 * <p>Beyond pycassa, the pool marks a server down when connecting to it or talking to it fails, skips it for new
 * connections while others are up, and probes it in the background until it answers; it checks connections that
 * idled for a while before handing them out; and it can retire connections after {@code maxLifetime} or
 * {@code idleTimeout} and report connections held longer than {@code leakDetectionThreshold}.
 *
 * <pre>{@code
 * try (ConnectionPool pool = ConnectionPool.builder()
 *         .keyspace("Keyspace1")
 *         .serverList("10.0.0.4:9160", "10.0.0.5:9160")
 *         .build()) {
 *     ColumnFamily cf = new ColumnFamily(pool, "Standard1");
 *     long timestamp = cf.insert("key", Map.of("col", "val"));
 *     String version = pool.execute(client -> client.describe_version());
 * }
 * }</pre>
 *
 * <p>All methods are safe to call from any thread. A checked-out {@link ConnectionWrapper} belongs to one thread at
 * a time. This class is the pool's face; thread-local mode and the handles of check-outs are {@code Checkouts}' job,
 * and the work behind them the engine's ({@code PoolEngine}).
 */
public final class ConnectionPool implements AutoCloseable {

    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final String name;
    private final PoolSettings settings;
    private final PoolCounters counters;
    private final PoolEvents events;
    private final ServerDirectory servers;
    private final PoolEngine engine;
    /** The engine's bag, which counts the connections by state, and from which get and execute take first. */
    private final ConnectionBag bag;
    /** The bag's {@link ConnectionBag#returnedByThread()}, at hand for get and execute. */
    private final PoolEntry[] returnedByThread;
    private final Checkouts checkouts;
    private final OperationObserver operations;

    private ConnectionPool(PoolSettings settings) {
        this.name = settings.loggingName() != null ? settings.loggingName() : "casspool-" + POOL_IDS.incrementAndGet();
        this.settings = settings;
        this.servers = new ServerDirectory();
        this.counters = new PoolCounters(servers.known());
        this.events = new PoolEvents(name, counters);
        settings.listeners().forEach(events::add);
        this.engine = new PoolEngine(name, settings, events, servers);
        this.bag = engine.bag();
        this.returnedByThread = bag.returnedByThread();
        this.checkouts = new Checkouts(this, engine, events, settings.useThreadLocal());
        this.operations = settings.observations().forPool(name, settings.keyspace());
        engine.start(checkouts::newHandle);
    }

    /** Returns a builder with pycassa's defaults; {@link Builder#keyspace(String)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    // --- checking connections out and in ---

    /**
     * Checks out a connection: with {@code useThreadLocal}, the one this thread already holds, if any; otherwise an
     * idle one, or a new one while the pool is below {@code poolSize} (or has overflow room left); otherwise waits up
     * to {@code poolTimeout} for one to come back.
     *
     * @return a connection that this thread must give back with {@link #put} (or {@link ConnectionWrapper#close()})
     * @throws NoConnectionAvailableException when the pool stayed at its maximum for {@code poolTimeout}
     * @throws AllServersUnavailableException when a new connection was needed and no server could be reached
     * @throws InvalidPoolRequestException when the pool is closed
     * @throws PoolException when the login or keyspace was refused, or the thread was interrupted while waiting
     */
    public ConnectionWrapper get() {
        // The pool asks its bag first, rather than through Checkouts, with the bag's array of the entries threads
        // returned last at hand: two loads fewer before the check-out's compare-and-set, which waits for every load
        // before it (ConnectionBag.takeWarmByThread).
        return checkouts.get(bag.takeWarmByThread(returnedByThread));
    }

    /**
     * Checks out an idle connection if one is free now, without waiting, without opening a connection and without any
     * network call: the connection is not validated (see {@code validateAfterIdle}), so the caller learns from its own
     * first call whether it still works, and a transport failure there marks the server down as any other would. For
     * opportunistic work. With {@code useThreadLocal}, returns the connection this thread holds, if any.
     *
     * @return the connection, to be given back with {@link #put}; empty when none is idle, or when threads waiting in
     *     {@link #get()} have waited long enough that idle connections go to them first
     * @throws InvalidPoolRequestException when the pool is closed
     */
    public Optional<ConnectionWrapper> tryGet() {
        return checkouts.tryGet();
    }

    /**
     * Gives a connection back. With {@code useThreadLocal}, this releases the connection this thread holds (whatever
     * connection of this pool is passed), and does nothing when it holds none. A connection the pool already closed
     * (after a failure, a full pool, or {@link #close()}) is ignored.
     *
     * @throws InvalidPoolRequestException when the connection is null, belongs to another pool, is already back in
     *     this one, or was put back and has been checked out again by another caller since
     */
    public void put(ConnectionWrapper connection) {
        checkouts.put(connection);
    }

    /**
     * Checks out a connection, runs {@code call} on it and gives the connection back, also when {@code call} throws.
     * With {@code useThreadLocal}, a connection this thread already held stays checked out afterwards.
     *
     * @return what {@code call} returned
     * @throws TException what {@code call} threw
     */
    public <T> T execute(ThriftCall<T> call) throws TException {
        Objects.requireNonNull(call, "call");  // before the check-out, which nothing would give back
        return checkouts.execute(bag.takeWarmByThread(returnedByThread), call);
    }

    /**
     * Checks out a connection chosen for row key {@code key}, runs {@code call} on it and gives it back, also when
     * {@code call} throws. A {@code tokenAware} pool chooses a connection to a replica of the key (see
     * {@code Builder.tokenAware}), and a retry after a failure goes to the next replica first; any other pool, or one
     * that knows no ring yet, runs it as {@link #execute(ThriftCall)} does. With {@code useThreadLocal}, a connection
     * this thread already holds is used, and stays checked out.
     *
     * @param key the row key the call is about, as the Thrift call carries it; its position does not move
     * @return what {@code call} returned
     * @throws TException what {@code call} threw
     */
    public <T> T execute(ByteBuffer key, ThriftCall<T> call) throws TException {
        return checkouts.execute(Objects.requireNonNull(key, "key"), Objects.requireNonNull(call, "call"));
    }

    /**
     * Runs {@code call} on a connection that is free now, if any, without waiting and without opening one, as
     * {@link #tryGet()} finds it, and gives it back; with {@code useThreadLocal}, on the connection this thread holds,
     * which stays held. For work that must never wait, such as a health check.
     *
     * @return what {@code call} returned, or empty when no connection was idle (or {@code call} returned null)
     * @throws TException what {@code call} threw
     * @throws InvalidPoolRequestException when the pool is closed
     */
    public <T> Optional<T> tryExecute(ThriftCall<T> call) throws TException {
        return checkouts.tryExecute(Objects.requireNonNull(call, "call"));
    }

    // --- life cycle ---

    /**
     * Opens connections until at least {@code poolSize} exist, checked out or not.
     *
     * @throws AllServersUnavailableException when no server can be reached
     */
    public void fill() {
        engine.fill();
    }

    /**
     * Closes every idle connection and fires {@code poolDisposed}. Checked-out connections are untouched, and the pool
     * stays usable: later gets open new connections.
     */
    public void dispose() {
        engine.dispose();
    }

    /**
     * Disposes the pool and ends it: connections checked out now are closed when they come back, waiting and later
     * {@link #get()} calls fail with {@link InvalidPoolRequestException}, background work stops and its thread ends.
     * Idempotent.
     */
    @Override
    public void close() {
        engine.close();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return engine.isClosed();
    }

    // --- servers ---

    /**
     * Replaces the server list for new connections; open connections stay where they are. Fires
     * {@code serverListObtained} with the shuffled list.
     *
     * @throws InvalidSettingException when the list is empty or an entry is not {@code "host:port"}
     */
    public void setServerList(List<String> serverList) {
        engine.setServerList(serverList);
    }

    /** Like {@link #setServerList(List)}, with the list read once from {@code serverList} now. */
    public void setServerList(Supplier<? extends List<String>> serverList) {
        Objects.requireNonNull(serverList, "serverList");
        setServerList(serverList.get());
    }

    /** The servers new connections go to, in their shuffled order, as {@code "host:port"}. */
    public List<String> serverList() {
        return servers.current().addresses();
    }

    /** What the pool knows about each server of its list: up or marked down, open connections, last failure. */
    public List<ServerStatus> serverStatuses() {
        return servers.current().distinct().stream().map(Server::status).toList();
    }

    // --- counters and settings ---

    /** The pool's capacity: how many idle connections it keeps ({@code poolSize}). */
    public int size() {
        return settings.poolSize();
    }

    /** How many open connections exceed {@code poolSize} now. */
    public int overflow() {
        return Math.max(0, bag.size() - settings.poolSize());
    }

    /** How many connections are in the pool, idle, now. */
    public int checkedIn() {
        return bag.count(PoolEntry.IDLE);
    }

    /** How many connections are checked out now. */
    public int checkedOut() {
        return bag.count(PoolEntry.IN_USE);
    }

    /** How many calls about one row key ran on a connection to a replica of the key (token-aware pools). */
    public long routedToReplica() {
        return counters.routedToReplica();
    }

    /**
     * How many calls about one row key ran on a connection to a node that is not a replica of the key, because no
     * connection to a replica was free and the pool had no room for one (token-aware pools).
     */
    public long routedElsewhere() {
        return counters.routedElsewhere();
    }

    /**
     * The pool's cumulative counts, pool-wide and per server: what happened since the pool was built (connections
     * created, failed, retried, servers marked down, check-outs at the maximum, ...), for metrics. Reading them costs
     * the pool nothing.
     */
    public PoolStatistics statistics() {
        return counters;
    }

    /** How many threads are waiting in {@link #get()} for a connection now. */
    public int pending() {
        return bag.waiting();
    }

    /** The most connections this pool opens at once: {@code poolSize + maxOverflow}, or {@link Integer#MAX_VALUE}. */
    public int maxConnections() {
        return settings.maxConnections();
    }

    /** The socket connect and read timeout of the pool's connections, or null for none. */
    public Duration timeout() {
        return settings.timeout();
    }

    /** The keyspace every connection is set to. */
    public String keyspace() {
        return settings.keyspace();
    }

    /** The name this pool uses in logs and as every event's {@code poolId}. */
    public String loggingName() {
        return name;
    }

    /** Observes the Thrift calls made on this pool's connections. */
    OperationObserver operations() {
        return operations;
    }

    /** Adds a listener for this pool's events. */
    public void addListener(PoolListener listener) {
        events.add(listener);
    }

    @Override
    public String toString() {
        return "ConnectionPool[" + name + ", keyspace=" + settings.keyspace() + ", servers=" + servers.current()
                + ", poolSize=" + settings.poolSize() + ", maxOverflow=" + settings.maxOverflow() + "]";
    }

    /**
     * Collects the settings of a {@link ConnectionPool}, with pycassa's defaults. Values are checked in
     * {@link #build()}, whose {@link InvalidSettingException} names the setting and the bad value (never the
     * password).
     */
    public static final class Builder {

        private String keyspace;
        private List<String> serverList = List.of("localhost:9160");
        private Supplier<? extends List<String>> serverListSupplier;
        private Map<String, String> credentials;
        private Duration timeout = Duration.ofMillis(500);
        private boolean useThreadLocal = true;
        private int poolSize = 5;
        private int maxOverflow;
        private Duration poolTimeout = Duration.ofSeconds(30);
        private int recycle = 10_000;
        private int maxRetries = 5;
        private boolean retryCounterMutations;
        private boolean prefill = true;
        private SocketFactory socketFactory = SocketFactory.plain();
        private TransportFactory transportFactory = TransportFactory.framed();
        private String loggingName;
        private Duration maxLifetime;
        private Duration idleTimeout;
        private Duration validateAfterIdle = Duration.ofSeconds(1);
        private Duration leakDetectionThreshold;
        private Duration serverRetryInitialDelay = Duration.ofMillis(500);
        private Duration serverRetryMaxDelay = Duration.ofSeconds(10);
        private boolean ringDiscovery;
        private Duration ringRefreshInterval = Duration.ofSeconds(30);
        private String localDatacenter;
        private boolean tokenAware;
        private Object observationRegistry;
        private final List<PoolListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The keyspace every connection is set to (required). */
        public Builder keyspace(String keyspace) {
            this.keyspace = keyspace;
            return this;
        }

        /** Servers as {@code "host:port"} ({@code "host"} means port 9160); default {@code localhost:9160}. */
        public Builder serverList(String... servers) {
            return serverList(servers == null ? null : Arrays.asList(servers));
        }

        /** Servers as {@code "host:port"}; shuffled, then drawn round robin. */
        public Builder serverList(List<String> servers) {
            this.serverList = servers == null ? null : new ArrayList<>(servers);
            this.serverListSupplier = null;
            return this;
        }

        /** Servers read from {@code servers} when the pool is built (and again on each {@code setServerList}). */
        public Builder serverList(Supplier<? extends List<String>> servers) {
            this.serverListSupplier = servers;
            this.serverList = null;
            return this;
        }

        /** Logs in with Thrift {@code login} as {@code username}; {@link #build()} requires both. */
        public Builder credentials(String username, String password) {
            Map<String, String> pair = new LinkedHashMap<>();
            pair.put("username", username);
            pair.put("password", password);
            return credentials(pair);
        }

        /**
         * Logs in with Thrift {@code login} using these entries (usually {@code username} and {@code password}),
         * copied now; {@link #build()} rejects null keys and values.
         */
        public Builder credentials(Map<String, String> credentials) {
            this.credentials = credentials == null ? null : new LinkedHashMap<>(credentials);
            return this;
        }

        /** Socket connect and read timeout (default 0.5 s); null for none. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Whether a thread's repeated gets return the connection it already holds (default true). */
        public Builder useThreadLocal(boolean useThreadLocal) {
            this.useThreadLocal = useThreadLocal;
            return this;
        }

        /** Connections kept open when idle (default 5). */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /** Extra connections allowed when all are checked out (default 0; -1 for no limit). */
        public Builder maxOverflow(int maxOverflow) {
            this.maxOverflow = maxOverflow;
            return this;
        }

        /** How long a get waits when the pool is at its maximum (default 30 s; zero: not at all; negative: forever). */
        public Builder poolTimeout(Duration poolTimeout) {
            this.poolTimeout = poolTimeout;
            return this;
        }

        /** Operations after which a connection is replaced at check-in (default 10000; -1: never). */
        public Builder recycle(int recycle) {
            this.recycle = recycle;
            return this;
        }

        /** Retries of a failed data call on other servers (default 5; 0: none; -1: no limit). */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** Whether counter mutations are retried too (default false: a retried increment may count twice). */
        public Builder retryCounterMutations(boolean retryCounterMutations) {
            this.retryCounterMutations = retryCounterMutations;
            return this;
        }

        /** Whether {@code poolSize} connections are opened when the pool is built (default true). */
        public Builder prefill(boolean prefill) {
            this.prefill = prefill;
            return this;
        }

        /** How sockets are made (default: {@link SocketFactory#plain()}; TLS goes here). */
        public Builder socketFactory(SocketFactory socketFactory) {
            this.socketFactory = socketFactory;
            return this;
        }

        /** How sockets are wrapped (default: {@link TransportFactory#framed()}). */
        public Builder transportFactory(TransportFactory transportFactory) {
            this.transportFactory = transportFactory;
            return this;
        }

        /** The pool's name in logs and events (default {@code casspool-N}). */
        public Builder loggingName(String loggingName) {
            this.loggingName = loggingName;
            return this;
        }

        /**
         * Retires a connection after this long (minus up to 2.5 % at random, so that connections opened together do
         * not all go together); a checked-out one goes when it comes back. Default: none. For firewalls and load
         * balancers that cut long-lived connections.
         */
        public Builder maxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
            return this;
        }

        /** Closes connections that idle in the pool longer than this. Default: none. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * A connection that idled at least this long must answer a {@code describe_version} before it is handed out;
         * one that does not is replaced, without failing the caller or marking its server down (default 1 s; zero:
         * every check-out; null: never).
         */
        public Builder validateAfterIdle(Duration validateAfterIdle) {
            this.validateAfterIdle = validateAfterIdle;
            return this;
        }

        /**
         * Logs one warning, with the stack trace of the get that took it, when a connection stays checked out longer
         * than this. Default: off (it costs a stack trace per check-out).
         */
        public Builder leakDetectionThreshold(Duration leakDetectionThreshold) {
            this.leakDetectionThreshold = leakDetectionThreshold;
            return this;
        }

        /**
         * Wait before the first background probe of a server marked down (default 500 ms); doubles per failure. A
         * probe is a {@code describe_version} on a socket of its own, one at a time.
         */
        public Builder serverRetryInitialDelay(Duration serverRetryInitialDelay) {
            this.serverRetryInitialDelay = serverRetryInitialDelay;
            return this;
        }

        /** Longest wait between background probes of a server marked down (default 10 s). */
        public Builder serverRetryMaxDelay(Duration serverRetryMaxDelay) {
            this.serverRetryMaxDelay = serverRetryMaxDelay;
            return this;
        }

        /**
         * Whether the server list names only seeds, from which the pool reads the ring ({@code describe_ring}) when it
         * is built and every {@code ringRefreshInterval}, and connects to every node it finds, on the seeds' port
         * (default false: pycassa's static server list).
         */
        public Builder ringDiscovery(boolean ringDiscovery) {
            this.ringDiscovery = ringDiscovery;
            return this;
        }

        /** How often a ring-discovering pool reads the ring again (default 30 s). */
        public Builder ringRefreshInterval(Duration ringRefreshInterval) {
            this.ringRefreshInterval = ringRefreshInterval;
            return this;
        }

        /**
         * The datacenter whose nodes alone a ring-discovering pool connects to (default: every datacenter). List seeds
         * of this datacenter: a seed is connected to before the pool knows where it is.
         */
        public Builder localDatacenter(String localDatacenter) {
            this.localDatacenter = localDatacenter;
            return this;
        }

        /**
         * Whether calls about one row key ({@link ConnectionPool#execute(java.nio.ByteBuffer, ThriftCall)} and
         * {@link ColumnFamily}'s) go to a replica of the key (default false; requires {@code ringDiscovery}).
         */
        public Builder tokenAware(boolean tokenAware) {
            this.tokenAware = tokenAware;
            return this;
        }

        /**
         * Makes every Thrift call on the pool's connections (on a {@link ConnectionWrapper}, inside
         * {@link ConnectionPool#execute(ThriftCall)}, through {@link ColumnFamily}) an {@code Observation} named
         * {@code cassandra.pool.operation} in this Micrometer {@code io.micrometer.observation.ObservationRegistry},
         * with its retries as events ({@link dev.casspool.micrometer.CassandraOperationObservation}): a timer per
         * Thrift method, and with Micrometer Tracing a client span per call. A convention registered with the registry
         * ({@code GlobalObservationConvention<CassandraOperationContext>}) replaces the default names and key values.
         * Default: none, and then nothing is observed and Micrometer is not needed at all.
         *
         * <p>Typed {@code Object} (as HikariCP's {@code metricRegistry}) so that the builder, its reflection included,
         * works without Micrometer on the class path; {@link #build()} checks the type.
         */
        public Builder observationRegistry(Object observationRegistry) {
            this.observationRegistry = observationRegistry;
            return this;
        }

        /** Adds a listener; may be called more than once. */
        public Builder listener(PoolListener listener) {
            listeners.add(listener);
            return this;
        }

        /**
         * Checks the settings, creates the pool, reads the ring (with {@code ringDiscovery}, which connects even
         * without prefill) and, with {@code prefill}, opens {@code poolSize} connections.
         *
         * @throws InvalidSettingException naming the setting, the bad value and what it must be (also when
         *     {@code localDatacenter} names no datacenter of the ring)
         * @throws AllServersUnavailableException when prefilling found no server (no connection is left open)
         * @throws PoolException when prefilling was refused the login or the keyspace
         */
        public ConnectionPool build() {
            List<String> fixedList = serverList;
            Supplier<? extends List<String>> servers = serverListSupplier != null ? serverListSupplier
                    : fixedList == null ? null : () -> fixedList;
            ConnectionPool pool = new ConnectionPool(new PoolSettings(keyspace, servers, credentials, timeout,
                    useThreadLocal, poolSize, maxOverflow, poolTimeout, recycle, maxRetries, retryCounterMutations,
                    prefill, socketFactory, transportFactory, loggingName, maxLifetime, idleTimeout, validateAfterIdle,
                    leakDetectionThreshold, serverRetryInitialDelay, serverRetryMaxDelay, listeners,
                    new RingSettings(ringDiscovery, ringRefreshInterval, localDatacenter, tokenAware),
                    observationRegistry == null ? OperationObserver.Factory.NONE
                            : ObservedOperations.factory(observationRegistry)));
            try {
                pool.engine.warmUp();
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
            return pool;
        }
    }
}
