package dev.casspool;

import dev.casspool.internal.Connection;
import dev.casspool.internal.ConnectionBag;
import dev.casspool.internal.ConnectionSettings;
import dev.casspool.internal.Connector;
import dev.casspool.internal.CoarseClock;
import dev.casspool.internal.Failures;
import dev.casspool.internal.Housekeeper;
import dev.casspool.internal.LeakDetector;
import dev.casspool.internal.LifetimePolicy;
import dev.casspool.internal.LocalEntries;
import dev.casspool.internal.PoolEntry;
import dev.casspool.internal.PoolEvents;
import dev.casspool.internal.SaturationLog;
import dev.casspool.internal.Server;
import dev.casspool.internal.ServerHealth;
import dev.casspool.internal.ServerList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.thrift.TException;
import org.apache.thrift.transport.TTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * a time.
 */
public final class ConnectionPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PoolEvents.LOGGER_NAME);
    private static final AtomicInteger POOL_IDS = new AtomicInteger();
    private static final long BASE_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Socket timeout of server probes when the pool's timeout is null (none): a probe must not hang the pool. */
    private static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final String keyspace;
    private final int poolSize;
    private final int maxOverflow;
    private final int maxConnections;
    private final Duration poolTimeout;
    private final Duration timeout;
    private final int recycle;
    private final int maxRetries;
    private final boolean useThreadLocal;
    private final boolean retryCounterMutations;
    private final PoolEvents events = new PoolEvents();
    private final ConnectionBag bag;
    /** Open connections plus slots reserved by threads that are opening one; never above maxConnections. */
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, Server> knownServers = ServerList.newRegistry();
    private final AtomicInteger wrapperIds = new AtomicInteger();
    /** Serializes trimming; a lock rather than a monitor, which would pin a virtual thread's carrier on Java 21. */
    private final ReentrantLock trimLock = new ReentrantLock();
    private final LifetimePolicy lifetimes;
    private final Housekeeper housekeeper;
    private final ServerHealth health;
    private final LeakDetector leaks;
    private final SaturationLog saturation;
    private final Connector connector;
    private volatile ServerList servers;
    private volatile boolean closed;

    private ConnectionPool(Builder builder, List<String> initialServers) {
        this.name = builder.loggingName != null ? builder.loggingName : "casspool-" + POOL_IDS.incrementAndGet();
        this.keyspace = builder.keyspace;
        this.poolSize = builder.poolSize;
        this.maxOverflow = builder.maxOverflow;
        this.maxConnections = builder.maxOverflow == -1 ? Integer.MAX_VALUE : builder.poolSize + builder.maxOverflow;
        this.poolTimeout = builder.poolTimeout;
        this.timeout = builder.timeout;
        this.recycle = builder.recycle;
        this.maxRetries = builder.maxRetries;
        this.useThreadLocal = builder.useThreadLocal;
        this.retryCounterMutations = builder.retryCounterMutations;
        this.lifetimes = new LifetimePolicy(builder.maxLifetime, builder.idleTimeout, builder.validateAfterIdle);
        this.housekeeper = new Housekeeper(name);
        this.bag = new ConnectionBag(housekeeper);
        this.leaks = new LeakDetector(name, housekeeper, builder.leakDetectionThreshold);
        this.saturation = new SaturationLog(name, maxConnections);
        ConnectionSettings settings = new ConnectionSettings(builder.keyspace, builder.credentials, builder.timeout,
                builder.socketFactory, builder.transportFactory);
        this.health = new ServerHealth(settings, housekeeper, new ServerEvents(), builder.serverRetryInitialDelay,
                builder.serverRetryMaxDelay, builder.timeout != null ? builder.timeout : DEFAULT_PROBE_TIMEOUT);
        this.connector = new Connector(name, settings, this::connectFailed, health);
        builder.listeners.forEach(events::add);
        setServerList(initialServers);
        if (lifetimes.needsSweeping()) {
            housekeeper.every(lifetimes.sweepPeriodNanos(), this::retireIdleConnections);
        }
        housekeeper.every(TimeUnit.SECONDS.toNanos(1), () -> {
            events.refresh();
            saturation.tick(bag.waiting());
        });
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
        ensureOpen();
        LocalEntries local = bag.local();
        PoolEntry held = heldInThreadLocalMode(local);
        if (held != null) {
            return held.wrapper();
        }
        long start = events.timed() ? System.nanoTime() : 0L;
        return handOut(acquire(local), local, start);
    }

    /** The connection this thread already holds in thread-local mode, or null (always null in the other mode). */
    private PoolEntry heldInThreadLocalMode(LocalEntries local) {
        return useThreadLocal ? local.current() : null;
    }

    /**
     * Checks out an idle connection if one is free now, without waiting, without opening a connection and without any
     * network call: the connection is not validated (see {@code validateAfterIdle}), so the caller learns from its own
     * first call whether it still works, and a transport failure there marks the server down as any other would. For
     * health checks and opportunistic work. With {@code useThreadLocal}, returns the connection this thread holds, if
     * any.
     *
     * @return the connection, to be given back with {@link #put}; empty when none is idle
     * @throws InvalidPoolRequestException when the pool is closed
     */
    public Optional<ConnectionWrapper> tryGet() {
        ensureOpen();
        LocalEntries local = bag.local();
        PoolEntry held = heldInThreadLocalMode(local);
        if (held != null) {
            return Optional.of(held.wrapper());
        }
        long start = events.timed() ? System.nanoTime() : 0L;
        PoolEntry idle = takeIdle(local, false);
        return idle == null ? Optional.empty() : Optional.of(handOut(idle, local, start));
    }

    private ConnectionWrapper handOut(PoolEntry entry, LocalEntries local, long start) {
        entry.holder(local);
        if (useThreadLocal) {
            local.current(entry);
        }
        if (events.wants(PoolEventType.CONNECTION_CHECKED_OUT)) {
            events.fire(PoolEventType.CONNECTION_CHECKED_OUT, PoolEvent.connectionCheckedOut(name, entry.wrapper()));
        }
        if (start != 0L) {
            long now = System.nanoTime();
            entry.checkedOutAt(now);
            events.acquired(entry.wrapper(), now - start);
        }
        leaks.checkedOut(entry);
        return entry.wrapper();
    }

    /**
     * Gives a connection back. With {@code useThreadLocal}, this releases the connection this thread holds (whatever
     * connection of this pool is passed), and does nothing when it holds none. A connection the pool already closed
     * (after a failure, a full pool, or {@link #close()}) is ignored.
     *
     * @throws InvalidPoolRequestException when the connection is null, belongs to another pool, or is already back in
     *     this one
     */
    public void put(ConnectionWrapper connection) {
        if (connection == null) {
            throw new InvalidPoolRequestException("Pool " + name + ": put(null); pass the connection that get() returned");
        }
        if (connection.pool() != this) {
            throw new InvalidPoolRequestException("Pool " + name + ": " + connection + " belongs to pool "
                    + connection.pool().loggingName() + " and cannot be put into this one");
        }
        PoolEntry entry = connection.entry();
        // The thread that checked a connection out usually puts it back: its LocalEntries are then at hand, which
        // saves the ThreadLocal lookup (as much as the rest of the check-in).
        LocalEntries holder = entry.holder();
        LocalEntries local = holder != null && holder.belongsToCurrentThread() ? holder : bag.local();
        if (useThreadLocal) {
            entry = local.current();
            if (entry == null) {
                return;
            }
            local.current(null);
        }
        checkIn(entry, local);
    }

    /**
     * Checks out a connection, runs {@code call} on it and gives the connection back, also when {@code call} throws.
     * With {@code useThreadLocal}, a connection this thread already held stays checked out afterwards.
     *
     * @return what {@code call} returned
     * @throws TException what {@code call} threw
     */
    public <T> T execute(ThriftCall<T> call) throws TException {
        Objects.requireNonNull(call, "call");
        boolean held = heldInThreadLocalMode(bag.local()) != null;
        ConnectionWrapper connection = get();
        try {
            return call.call(connection);
        } finally {
            if (!held) {
                put(connection);
            }
        }
    }

    private PoolEntry acquire(LocalEntries local) {
        // Like pycassa, grow to poolSize before reusing idle connections: it spreads them over the servers.
        if (total.get() < poolSize) {
            PoolEntry opened = tryOpen(poolSize, PoolEntry.IN_USE);
            if (opened != null) {
                return opened;
            }
        }
        // While threads wait, every connection that comes back goes to the longest-waiting one: a newcomer finds none
        // idle and joins the line, without scanning connections that other threads are using.
        if (bag.waiting() == 0) {
            PoolEntry idle = takeIdle(local, true);
            if (idle != null) {
                return idle;
            }
        }
        PoolEntry overflow = tryOpen(maxConnections, PoolEntry.IN_USE);
        return overflow != null ? overflow : await(local);
    }

    /**
     * Takes an idle connection that is fit to hand out: connections past their lifetime are retired, and, when
     * {@code validate}, those that idled longer than {@code validateAfterIdle} must answer {@code describe_version}
     * first (after a server restart they are dead, and are replaced one by one without failing a caller or marking the
     * server down).
     */
    private PoolEntry takeIdle(LocalEntries local, boolean validate) {
        for (PoolEntry entry = bag.takeIdle(local); entry != null; entry = bag.takeIdle(local)) {
            long now = CoarseClock.nanoTime();
            if (lifetimes.expired(entry, now)) {
                retire(entry, "it reached maxLifetime");
            } else if (validate && lifetimes.needsValidation(entry, now) && !answers(entry)) {
                retire(entry, "it idled and then failed validation (describe_version)");
            } else {
                return entry;
            }
        }
        return null;
    }

    private static boolean answers(PoolEntry entry) {
        try {
            entry.connection().client().describe_version();
            return true;
        } catch (TException | RuntimeException e) {
            return false;
        }
    }

    /** Waits for a connection to come back or for room to open one; the caller found the pool at its maximum. */
    private PoolEntry await(LocalEntries local) {
        saturation.waited();
        if (events.wants(PoolEventType.POOL_AT_MAX)) {
            events.fire(PoolEventType.POOL_AT_MAX, PoolEvent.poolAtMax(name, maxConnections));
        }
        boolean forever = poolTimeout.isNegative();
        long deadline = System.nanoTime() + saturatedNanos(poolTimeout);
        while (true) {
            long remaining = forever ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (remaining <= 0) {
                saturation.timedOut();
                if (events.wants(PoolEventType.NO_CONNECTION_AVAILABLE)) {
                    events.fire(PoolEventType.NO_CONNECTION_AVAILABLE,
                            PoolEvent.noConnectionAvailable(name, maxConnections));
                }
                throw new NoConnectionAvailableException("Pool " + name + " is at its maximum of " + maxConnections
                        + " connections (poolSize " + poolSize + ", maxOverflow " + maxOverflow + "), all checked out,"
                        + " and none came back within poolTimeout " + poolTimeout);
            }
            PoolEntry entry;
            boolean first = bag.startWaiting();
            try {
                // The first waiter looks again now that releasing threads can see it waiting, so that nothing freed in
                // between is missed. Later ones need not: a releaser sees the waiters before them and hands over.
                entry = first ? bag.takeIdle(local) : null;
                if (entry == null && total.get() >= maxConnections) {
                    entry = bag.await(remaining);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PoolException("Pool " + name + ": interrupted while waiting for a connection", e);
            } finally {
                bag.stopWaiting();
            }
            ensureOpen();
            if (entry == null) {
                entry = tryOpen(maxConnections, PoolEntry.IN_USE);
            }
            if (entry != null) {
                return entry;
            }
        }
    }

    /** Opens a connection if fewer than {@code limit} are open or being opened; null when there is no room. */
    private PoolEntry tryOpen(int limit, int state) {
        for (int current = total.get(); current < limit; current = total.get()) {
            if (total.compareAndSet(current, current + 1)) {
                return open(state);
            }
        }
        return null;
    }

    /** Opens a connection into a slot the caller has reserved in {@code total}; frees the slot if that fails. */
    private PoolEntry open(int state) {
        Connection connection;
        try {
            connection = connector.open(servers);
        } catch (RuntimeException e) {
            total.decrementAndGet();
            wakeWaitersForRoom();
            throw e;
        }
        return added(connection, state);
    }

    private PoolEntry added(Connection connection, int state) {
        PoolEntry entry = new PoolEntry(connection, state, lifetimes.expiresAt(System.nanoTime()), this::newWrapper);
        bag.add(entry);
        if (events.wants(PoolEventType.CONNECTION_CREATED)) {
            events.fire(PoolEventType.CONNECTION_CREATED, PoolEvent.connectionCreated(name, entry.wrapper()));
        }
        return entry;
    }

    private ConnectionWrapper newWrapper(PoolEntry entry) {
        return new ConnectionWrapper(this, entry, wrapperIds.incrementAndGet());
    }

    /**
     * Checks a connection in. Its state is read, not compare-and-set: only the thread that holds a connection may put
     * it back, and two threads putting the same one at once is a caller's bug that this would not fully catch anyway.
     * The atomic step that matters is the release, which makes the connection available again.
     */
    private void checkIn(PoolEntry entry, LocalEntries local) {
        int state = entry.state();
        if (state != PoolEntry.IN_USE) {
            if (state == PoolEntry.REMOVED) {
                return;
            }
            throw new InvalidPoolRequestException("Pool " + name + ": " + entry.wrapper()
                    + " is not checked out; it was already put back");
        }
        if (entry.retryCount() != 0) {
            entry.resetRetries();
        }
        leaks.checkedIn(entry);
        long checkedOutAt = entry.checkedOutAt();
        if (checkedOutAt != 0L) {
            entry.checkedOutAt(0L);
            events.released(entry.wrapper(), System.nanoTime() - checkedOutAt);
        }
        long now = CoarseClock.nanoTime();
        String unfit = unfitForReuse(entry, now);
        if (unfit != null) {
            remove(entry, unfit);
            return;
        }
        PoolEntry returning = recycle > -1 && entry.operationCount() > recycle ? recycled(entry) : entry;
        if (returning == null) {
            return;
        }
        if (events.wants(PoolEventType.CONNECTION_CHECKED_IN)) {
            events.fire(PoolEventType.CONNECTION_CHECKED_IN, PoolEvent.connectionCheckedIn(name, returning.wrapper()));
        }
        returning.touch(now);
        bag.release(returning, local);
        if (maxConnections > poolSize && bag.size() > poolSize) {
            trimIdle(returning);
        }
        if (closed && returning.compareAndSet(PoolEntry.IDLE, PoolEntry.REMOVED)) {
            // close() ran while this connection was being checked in and did not see it idle.
            remove(returning, "pool " + name + " is closed");
        }
    }

    /** Why a connection coming back must be closed instead of kept, or null when it may stay. */
    private String unfitForReuse(PoolEntry entry, long now) {
        Connection connection = entry.connection();
        if (closed) {
            return "pool " + name + " is closed";
        }
        if (!connection.isReusable()) {
            return connection.isOpen() ? "the caller changed its keyspace or login" : "the connection failed";
        }
        if (lifetimes.expired(entry, now)) {
            return "it reached maxLifetime";
        }
        return null;
    }

    /**
     * Replaces a connection that has done more than {@code recycle} operations. The old connection is closed before
     * the new one opens in its slot, so that recycling never takes the pool past {@code poolSize + maxOverflow}
     * sockets.
     *
     * @return the replacement, or null when none could be opened (the slot is then freed)
     */
    private PoolEntry recycled(PoolEntry old) {
        discard(old, "recycling connection after " + old.operationCount() + " operations");
        Connection replacement;
        try {
            replacement = connector.openReplacement(servers);
        } catch (PoolException e) {
            total.decrementAndGet();
            wakeWaitersForRoom();
            return null;
        }
        PoolEntry fresh = added(replacement, PoolEntry.RETURNING);
        if (events.wants(PoolEventType.CONNECTION_RECYCLED)) {
            events.fire(PoolEventType.CONNECTION_RECYCLED,
                    PoolEvent.connectionRecycled(name, old.wrapper(), fresh.wrapper()));
        }
        return fresh;
    }

    /** Keeps no more than {@code poolSize} idle connections (pycassa's bounded queue). */
    private void trimIdle(PoolEntry returned) {
        trimLock.lock();
        try {
            if (bag.count(PoolEntry.IDLE) > poolSize && returned.compareAndSet(PoolEntry.IDLE, PoolEntry.REMOVED)) {
                remove(returned, "pool is already full");
            }
        } finally {
            trimLock.unlock();
        }
    }

    /** Retires idle connections past {@code maxLifetime} or {@code idleTimeout}; runs on the housekeeper. */
    private void retireIdleConnections() {
        long now = System.nanoTime();
        int expired = 0;
        for (PoolEntry entry : bag.entries()) {
            boolean tooOld = lifetimes.expired(entry, now);
            if ((tooOld || lifetimes.idledOut(entry, now)) && entry.compareAndSet(PoolEntry.IDLE, PoolEntry.IN_USE)) {
                retire(entry, tooOld ? "it reached maxLifetime" : "it idled longer than idleTimeout");
                expired += tooOld ? 1 : 0;
            }
        }
        // Connections that reached their lifetime are replaced, so that the pool stays warm.
        for (int i = 0; i < expired && !closed; i++) {
            try {
                PoolEntry replacement = tryOpen(poolSize, PoolEntry.RETURNING);
                if (replacement == null) {
                    return;
                }
                replacement.touch(CoarseClock.nanoTime());
                bag.release(replacement, bag.local());
            } catch (PoolException e) {
                log.info("Pool {} could not replace a connection that reached maxLifetime: {}", name, e.getMessage());
                return;
            }
        }
    }

    /** Removes an entry that this thread has taken ({@link PoolEntry#IN_USE}) because it is unfit for use. */
    private void retire(PoolEntry entry, String reason) {
        entry.setState(PoolEntry.RETURNING);
        remove(entry, reason);
    }

    /** Takes an entry this thread has claimed out of the pool for good, freeing its slot. */
    private void remove(PoolEntry entry, String reason) {
        discard(entry, reason);
        total.decrementAndGet();
        wakeWaitersForRoom();
    }

    private void discard(PoolEntry entry, String reason) {
        entry.setState(PoolEntry.REMOVED);
        bag.remove(entry);
        entry.closeConnection();
        if (events.wants(PoolEventType.CONNECTION_DISPOSED)) {
            events.fire(PoolEventType.CONNECTION_DISPOSED,
                    PoolEvent.connectionDisposed(name, entry.wrapper(), reason));
        }
    }

    private void wakeWaitersForRoom() {
        bag.wakeWaiters(() -> total.get() < maxConnections || closed);
    }

    // --- the wrapper's retries ---

    /**
     * Reports a failed operation on {@code connection} and closes it; the wrapper reconnects before its next try. A
     * transport failure (refused, reset, timed out) marks the server down; Cassandra's own timeouts do not.
     */
    void operationFailed(PoolEntry entry, Connection connection, Throwable failure) {
        connection.close();
        if (events.wants(PoolEventType.CONNECTION_FAILED)) {
            events.fire(PoolEventType.CONNECTION_FAILED,
                    PoolEvent.connectionFailed(name, failure, connection.server().address(), entry.wrapper()));
        }
        if (failure instanceof TTransportException) {
            health.failed(connection.server(), failure);
        }
    }

    /** Reports that a failed data call is about to be tried again. */
    void operationRetried(PoolEntry entry, Connection failed, Throwable failure) {
        if (events.wants(PoolEventType.OPERATION_RETRIED)) {
            events.fire(PoolEventType.OPERATION_RETRIED,
                    PoolEvent.operationRetried(name, entry.wrapper(), failure, failed.server().address()));
        }
    }

    /** Opens a new connection for an entry whose connection failed: the next server in turn. */
    Connection reconnect(PoolEntry entry) {
        entry.closeConnection();
        Connection connection = connector.open(servers);
        entry.connection(connection);
        return connection;
    }

    /** Waits before retry number {@code failures} (pycassa: 10 ms times 2^failures, here at most 1 s). */
    void backOffBeforeRetry(int failures, Throwable lastFailure) {
        long nanos = failures >= 7 ? MAX_BACKOFF_NANOS : Math.min(MAX_BACKOFF_NANOS, BASE_BACKOFF_NANOS << failures);
        LockSupport.parkNanos(nanos);
        if (Thread.currentThread().isInterrupted()) {
            throw new MaximumRetryException("Pool " + name + ": interrupted before retry " + failures
                    + "; the last failure was " + Failures.describe(lastFailure), lastFailure);
        }
    }

    private void connectFailed(Throwable error, Server server) {
        if (events.wants(PoolEventType.CONNECTION_FAILED)) {
            events.fire(PoolEventType.CONNECTION_FAILED, PoolEvent.connectionFailed(name, error, server.address(), null));
        }
    }

    /**
     * Turns server state changes into events. A server marked down also loses its idle connections: they failed with
     * it or soon will, and each would otherwise cost a later caller (or health check) a failure of its own.
     */
    private final class ServerEvents implements ServerHealth.Observer {
        @Override
        public void markedDown(Server server, Throwable failure) {
            if (events.wants(PoolEventType.SERVER_MARKED_DOWN)) {
                events.fire(PoolEventType.SERVER_MARKED_DOWN,
                        PoolEvent.serverMarkedDown(name, server.address(), failure));
            }
            for (PoolEntry entry : bag.entries()) {
                if (entry.connection().server() == server
                        && entry.compareAndSet(PoolEntry.IDLE, PoolEntry.IN_USE)) {
                    retire(entry, "its server " + server + " was marked down");
                }
            }
        }

        @Override
        public void markedUp(Server server) {
            if (events.wants(PoolEventType.SERVER_MARKED_UP)) {
                events.fire(PoolEventType.SERVER_MARKED_UP, PoolEvent.serverMarkedUp(name, server.address()));
            }
        }
    }

    int maxRetries() {
        return maxRetries;
    }

    boolean retriesCounterMutations() {
        return retryCounterMutations;
    }

    // --- life cycle ---

    /**
     * Opens connections until at least {@code poolSize} exist, checked out or not.
     *
     * @throws AllServersUnavailableException when no server can be reached
     */
    public void fill() {
        ensureOpen();
        LocalEntries local = bag.local();
        PoolEntry opened;
        while ((opened = tryOpen(poolSize, PoolEntry.RETURNING)) != null) {
            bag.release(opened, local);
        }
    }

    /**
     * Closes every idle connection and fires {@code poolDisposed}. Checked-out connections are untouched, and the pool
     * stays usable: later gets open new connections.
     */
    public void dispose() {
        removeIdle("pool " + name + " is being disposed");
        if (events.wants(PoolEventType.POOL_DISPOSED)) {
            events.fire(PoolEventType.POOL_DISPOSED, PoolEvent.poolDisposed(name));
        }
    }

    /**
     * Disposes the pool and ends it: connections checked out now are closed when they come back, waiting and later
     * {@link #get()} calls fail with {@link InvalidPoolRequestException}, background work stops. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        housekeeper.shutdown();
        dispose();
        wakeWaitersForRoom();
        // A connection checked in right now is marked idle with a release store before its thread reads `closed`:
        // within nanoseconds of each other, that thread may not see the flag and the pass above may not see the
        // connection idle. By the time of a second pass a moment later, the store is visible.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        removeIdle("pool " + name + " is closed");
    }

    private void removeIdle(String reason) {
        for (PoolEntry entry : bag.entries()) {
            if (entry.compareAndSet(PoolEntry.IDLE, PoolEntry.REMOVED)) {
                remove(entry, reason);
            }
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new InvalidPoolRequestException("Pool " + name + " is closed");
        }
    }

    // --- servers ---

    /**
     * Replaces the server list for new connections; open connections stay where they are. Fires
     * {@code serverListObtained} with the shuffled list.
     *
     * @throws IllegalArgumentException when the list is empty or an entry is not {@code "host:port"}
     */
    public void setServerList(List<String> serverList) {
        ServerList list = ServerList.parse(serverList, knownServers);
        servers = list;
        if (events.wants(PoolEventType.SERVER_LIST_OBTAINED)) {
            events.fire(PoolEventType.SERVER_LIST_OBTAINED, PoolEvent.serverListObtained(name, list.addresses()));
        }
    }

    /** Like {@link #setServerList(List)}, with the list read once from {@code serverList} now. */
    public void setServerList(Supplier<? extends List<String>> serverList) {
        Objects.requireNonNull(serverList, "serverList");
        setServerList(serverList.get());
    }

    /** The servers new connections go to, in their shuffled order, as {@code "host:port"}. */
    public List<String> serverList() {
        return servers.addresses();
    }

    /** What the pool knows about each server of its list: up or marked down, open connections, last failure. */
    public List<ServerStatus> serverStatuses() {
        return servers.distinct().stream().map(Server::status).toList();
    }

    // --- counters and settings ---

    /** The pool's capacity: how many idle connections it keeps ({@code poolSize}). */
    public int size() {
        return poolSize;
    }

    /** How many open connections exceed {@code poolSize} now. */
    public int overflow() {
        return Math.max(0, bag.size() - poolSize);
    }

    /** How many connections are in the pool, idle, now. */
    public int checkedIn() {
        return bag.count(PoolEntry.IDLE);
    }

    /** How many connections are checked out now. */
    public int checkedOut() {
        return bag.count(PoolEntry.IN_USE) + bag.count(PoolEntry.RETURNING);
    }

    /** How many threads are waiting in {@link #get()} for a connection now. */
    public int pending() {
        return bag.waiting();
    }

    /** The most connections this pool opens at once: {@code poolSize + maxOverflow}, or {@link Integer#MAX_VALUE}. */
    public int maxConnections() {
        return maxConnections;
    }

    /** The socket connect and read timeout of the pool's connections, or null for none. */
    public Duration timeout() {
        return timeout;
    }

    /** The keyspace every connection is set to. */
    public String keyspace() {
        return keyspace;
    }

    /** The name this pool uses in logs and as every event's {@code poolId}. */
    public String loggingName() {
        return name;
    }

    /** Adds a listener for this pool's events. */
    public void addListener(PoolListener listener) {
        events.add(listener);
    }

    @Override
    public String toString() {
        return "ConnectionPool[" + name + ", keyspace=" + keyspace + ", servers=" + servers + ", poolSize=" + poolSize
                + ", maxOverflow=" + maxOverflow + "]";
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Settings of a {@link ConnectionPool}, with pycassa's defaults. Values are checked in {@link #build()}, which
     * names the setting and the bad value in its exception (never the password).
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
            this.serverListSupplier = Objects.requireNonNull(servers, "serverList");
            this.serverList = null;
            return this;
        }

        /** Logs in with Thrift {@code login} as {@code username}. */
        public Builder credentials(String username, String password) {
            if (username == null || password == null) {
                throw new IllegalArgumentException("credentials need a username and a password, "
                        + (username == null ? "username" : "password") + " was null");
            }
            return credentials(Map.of("username", username, "password", password));
        }

        /** Logs in with Thrift {@code login} using these entries (usually {@code username} and {@code password}). */
        public Builder credentials(Map<String, String> credentials) {
            if (credentials == null) {
                this.credentials = null;
                return this;
            }
            Map<String, String> copy = new LinkedHashMap<>();
            credentials.forEach((key, value) -> {
                if (key == null || value == null) {
                    throw new IllegalArgumentException("credentials must not hold null keys or values (key "
                            + (key == null ? "null" : "'" + key + "'") + ")");
                }
                copy.put(key, value);
            });
            this.credentials = Map.copyOf(copy);
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

        /** Adds a listener; may be called more than once. */
        public Builder listener(PoolListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Checks the settings, creates the pool and, with {@code prefill}, opens {@code poolSize} connections.
         *
         * @throws IllegalArgumentException naming the setting and the bad value
         * @throws AllServersUnavailableException when prefilling found no server (no connection is left open)
         * @throws PoolException when prefilling was refused the login or the keyspace
         */
        public ConnectionPool build() {
            if (keyspace == null || keyspace.isBlank()) {
                throw new IllegalArgumentException("keyspace is required and must not be blank, was "
                        + (keyspace == null ? "null" : "\"" + keyspace + "\""));
            }
            requireAtLeast("poolSize", poolSize, 0, "");
            requireAtLeast("maxOverflow", maxOverflow, -1, " (-1 means no limit)");
            requireAtLeast("recycle", recycle, -1, " (-1 means never)");
            requireAtLeast("maxRetries", maxRetries, -1, " (-1 means no limit)");
            requirePositiveOrNull("timeout", timeout, "no timeout");
            requirePositiveOrNull("maxLifetime", maxLifetime, "none");
            requirePositiveOrNull("idleTimeout", idleTimeout, "none");
            requirePositiveOrNull("leakDetectionThreshold", leakDetectionThreshold, "off");
            if (validateAfterIdle != null && validateAfterIdle.isNegative()) {
                throw new IllegalArgumentException("validateAfterIdle must be zero or positive, or null for never, was "
                        + validateAfterIdle);
            }
            requirePositive("serverRetryInitialDelay", serverRetryInitialDelay);
            requirePositive("serverRetryMaxDelay", serverRetryMaxDelay);
            if (serverRetryMaxDelay.compareTo(serverRetryInitialDelay) < 0) {
                throw new IllegalArgumentException("serverRetryMaxDelay (" + serverRetryMaxDelay
                        + ") must not be shorter than serverRetryInitialDelay (" + serverRetryInitialDelay + ")");
            }
            if (poolTimeout == null) {
                throw new IllegalArgumentException("poolTimeout must not be null (zero fails at once, negative waits"
                        + " forever)");
            }
            if (loggingName != null && loggingName.isBlank()) {
                throw new IllegalArgumentException("loggingName must not be blank, was \"" + loggingName + "\"");
            }
            if (socketFactory == null || transportFactory == null) {
                throw new IllegalArgumentException((socketFactory == null ? "socketFactory" : "transportFactory")
                        + " must not be null");
            }
            List<String> entries = serverListSupplier != null ? serverListSupplier.get() : serverList;
            ConnectionPool pool = new ConnectionPool(this, entries);
            if (prefill) {
                try {
                    pool.fill();
                } catch (RuntimeException e) {
                    pool.close();
                    throw e;
                }
            }
            return pool;
        }

        private static void requirePositiveOrNull(String setting, Duration value, String nullMeaning) {
            if (value != null && (value.isNegative() || value.isZero())) {
                throw new IllegalArgumentException(setting + " must be positive, or null for " + nullMeaning + ", was "
                        + value);
            }
        }

        private static void requirePositive(String setting, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(setting + " must be positive, was " + value);
            }
        }

        private static void requireAtLeast(String setting, int value, int minimum, String note) {
            if (value < minimum) {
                throw new IllegalArgumentException(setting + " must be at least " + minimum + note + ", was " + value);
            }
        }
    }
}
