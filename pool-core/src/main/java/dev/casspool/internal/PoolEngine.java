package dev.casspool.internal;

import dev.casspool.ConnectionWrapper;
import dev.casspool.InvalidPoolRequestException;
import dev.casspool.NoConnectionAvailableException;
import dev.casspool.PoolException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.thrift.TException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pool's connections (HikariCP's {@code HikariPool}): opens them within the pool's limits, hands them out
 * through its {@link ConnectionBag}, takes them back, replaces them after {@code recycle} operations, and closes them.
 * A connection ends in one of two ways: {@link #dispose} closes it and frees its place, {@link #replace} closes it and
 * opens another in its place.
 */
public final class PoolEngine {

    private static final Logger log = LoggerFactory.getLogger(PoolEvents.LOGGER_NAME);
    /** Socket timeout of server probes when the pool's timeout is null (none): a probe must not hang the pool. */
    private static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@code close()} waits for the housekeeper's thread to end. */
    private static final long HOUSEKEEPER_PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final String name;
    private final PoolSettings settings;
    private final int maxConnections;
    private final PoolEvents events;
    private final Housekeeper housekeeper;
    private final CoarseClock clock;
    private final ConnectionBag bag;
    private final Capacity capacity = new Capacity();
    private final LifetimePolicy lifetimes;
    private final LeakDetector leaks;
    private final SaturationLog saturation;
    private final ServerHealth health;
    private final Connector connector;
    private final Failover failover;
    private final Map<String, Server> knownServers = ServerList.newRegistry();
    private final AtomicInteger entryIds = new AtomicInteger();
    /** Serializes trimming; a lock rather than a monitor, which would pin a virtual thread's carrier on Java 21. */
    private final ReentrantLock trimLock = new ReentrantLock();
    private Function<PoolEntry, ConnectionWrapper> handles;
    private volatile ServerList servers;
    private volatile boolean closed;

    /**
     * Creates the engine of pool {@code name}; {@link #start} sets it going.
     *
     * @param name the pool's logging name
     * @param settings the pool's checked settings
     * @param events the pool's events
     */
    public PoolEngine(String name, PoolSettings settings, PoolEvents events) {
        this.name = name;
        this.settings = settings;
        this.maxConnections = settings.maxConnections();
        this.events = events;
        this.housekeeper = new Housekeeper(name);
        this.clock = new CoarseClock(housekeeper);
        this.bag = new ConnectionBag(housekeeper);
        this.lifetimes = new LifetimePolicy(settings.maxLifetime(), settings.idleTimeout(),
                settings.validateAfterIdle());
        this.leaks = new LeakDetector(name, housekeeper, settings.leakDetectionThreshold());
        this.saturation = new SaturationLog(name, maxConnections);
        ConnectionSettings connections = settings.connectionSettings();
        this.health = new ServerHealth(connections, housekeeper,
                new ServerEvents(events, server -> evictIdle(entry -> entry.connection().server() == server,
                        "its server " + server + " was marked down")),
                settings.serverRetryInitialDelay(), settings.serverRetryMaxDelay(),
                settings.timeout() != null ? settings.timeout() : DEFAULT_PROBE_TIMEOUT);
        this.connector = new Connector(name, connections,
                (error, server) -> events.connectionFailed(error, server, null), health);
        this.failover = new Failover(name, events, health, connector, () -> servers, settings.maxRetries(),
                settings.retryCounterMutations());
    }

    /**
     * Takes the server list and starts the background work; {@code handles} makes the handle of each new connection,
     * which events carry until its first check-out.
     */
    public void start(Function<PoolEntry, ConnectionWrapper> handles) {
        this.handles = handles;
        setServerList(settings.servers().get());
        if (lifetimes.needsSweeping()) {
            housekeeper.every(lifetimes.sweepPeriodNanos(), this::retireIdleConnections);
        }
        housekeeper.every(TimeUnit.SECONDS.toNanos(1), () -> {
            events.refresh();
            saturation.tick(bag.waiting());
        });
    }

    /** The retries of the pool's data calls, for the handles. */
    public Failover failover() {
        return failover;
    }

    /** The pool's bag, for the facade's thread-local views. */
    public ConnectionBag bag() {
        return bag;
    }

    // --- check-out ---

    /**
     * Checks out a connection: a new one while the pool is below {@code poolSize} (as pycassa grows, which spreads
     * connections over the servers), else an idle one, else a new one while there is overflow room, else the first
     * to come back within {@code poolTimeout}.
     */
    public PoolEntry acquire(int[] local) {
        if (capacity.taken() < settings.poolSize()) {
            PoolEntry opened = tryOpen(settings.poolSize());
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
        PoolEntry overflow = tryOpen(maxConnections);
        return overflow != null ? overflow : await(local);
    }

    /**
     * Checks out an idle connection that is fit to hand out: connections past their lifetime are closed, and, when
     * {@code validate}, those that idled longer than {@code validateAfterIdle} must answer {@code describe_version}
     * first (after a server restart they are dead, and are replaced one by one without failing a caller or marking the
     * server down).
     *
     * @return the entry, or null when none is idle
     */
    public PoolEntry takeIdle(int[] local, boolean validate) {
        for (PoolEntry entry = bag.takeIdle(local); entry != null; entry = bag.takeIdle(local)) {
            long now = clock.now();
            if (lifetimes.expired(entry, now)) {
                dispose(entry, "it reached maxLifetime");
            } else if (validate && lifetimes.needsValidation(entry, now) && !answers(entry)) {
                dispose(entry, "it idled and then failed validation (describe_version)");
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
    private PoolEntry await(int[] local) {
        saturation.waited();
        events.poolAtMax(maxConnections);
        Duration poolTimeout = settings.poolTimeout();
        boolean forever = poolTimeout.isNegative();
        long deadline = System.nanoTime() + saturatedNanos(poolTimeout);
        while (true) {
            long remaining = forever ? Long.MAX_VALUE : deadline - System.nanoTime();
            PoolEntry entry;
            try {
                entry = bag.borrow(local, remaining, () -> capacity.taken() < maxConnections);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PoolException("Pool " + name + ": interrupted while waiting for a connection", e);
            }
            ensureOpen();
            if (entry == null) {
                entry = tryOpen(maxConnections);
            }
            if (entry != null) {
                return entry;
            }
            if (!forever && deadline - System.nanoTime() <= 0) {
                saturation.timedOut();
                events.noConnectionAvailable(maxConnections);
                throw new NoConnectionAvailableException("Pool " + name + " is at its maximum of " + maxConnections
                        + " connections (poolSize " + settings.poolSize() + ", maxOverflow " + settings.maxOverflow()
                        + "), all checked out, and none came back within poolTimeout " + poolTimeout);
            }
        }
    }

    /** Records a check-out for leak detection and timings; {@code start} is when the get began, or 0. */
    public void checkedOut(PoolEntry entry, ConnectionWrapper handle, long start) {
        events.connectionCheckedOut(handle);
        if (start != 0L) {
            long now = System.nanoTime();
            entry.checkedOutAt(now);
            events.acquired(handle, now - start);
        }
        leaks.checkedOut(entry);
    }

    // --- opening ---

    /** Opens a connection, checked out, if fewer than {@code limit} are open or being opened; null when full. */
    private PoolEntry tryOpen(int limit) {
        if (!capacity.tryTake(limit)) {
            return null;
        }
        PoolEntry entry = open();
        entry.checkOutReserved();
        return entry;
    }

    /** Opens a connection into a place the caller has taken, reserved for it; frees the place if that fails. */
    private PoolEntry open() {
        Connection connection;
        try {
            connection = connector.open(servers);
        } catch (RuntimeException e) {
            free();
            throw e;
        }
        return added(connection);
    }

    private PoolEntry added(Connection connection) {
        PoolEntry entry = new PoolEntry(connection, entryIds.incrementAndGet(),
                lifetimes.expiresAt(System.nanoTime()), clock.now());
        entry.handle(handles.apply(entry), bag.local());
        bag.add(entry);
        events.connectionCreated(entry.handle());
        return entry;
    }

    /**
     * Opens connections until at least {@code poolSize} exist, checked out or not.
     *
     * @throws dev.casspool.AllServersUnavailableException when no server can be reached
     */
    public void fill() {
        ensureOpen();
        while (capacity.tryTake(settings.poolSize())) {
            bag.unreserve(open());
        }
    }

    // --- check-in ---

    /**
     * Checks a connection in: keeps it, replaces it after {@code recycle} operations, or closes it when it is unfit,
     * the pool holds enough idle ones, or the pool is closed. Its state is read, not compare-and-set: only the holder
     * of a connection may put it back, and the step that matters is the bag's, which makes it available again.
     */
    public void checkIn(PoolEntry entry, int[] local) {
        leaks.checkedIn(entry);
        long checkedOutAt = entry.checkedOutAt();
        if (checkedOutAt != 0L) {
            entry.checkedOutAt(0L);
            events.released(entry.handle(), System.nanoTime() - checkedOutAt);
        }
        long now = clock.now();
        String unfit = unfitForReuse(entry, now);
        if (unfit != null) {
            dispose(entry, unfit);
            return;
        }
        int recycle = settings.recycle();
        PoolEntry returning = recycle > -1 && entry.operationCount() > recycle ? replace(entry) : entry;
        if (returning == null) {
            return;
        }
        events.connectionCheckedIn(returning.handle());
        returning.touch(now);
        bag.requite(returning, local);
        if (maxConnections > settings.poolSize() && bag.size() > settings.poolSize()) {
            trimIdle(returning);
        }
        if (closed && bag.reserve(returning)) {
            // close() ran while this connection was being checked in and did not see it idle.
            dispose(returning, "pool " + name + " is closed");
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

    /** Keeps no more than {@code poolSize} idle connections (pycassa's bounded queue). */
    private void trimIdle(PoolEntry returned) {
        trimLock.lock();
        try {
            if (bag.count(PoolEntry.IDLE) > settings.poolSize() && bag.reserve(returned)) {
                dispose(returned, "pool is already full");
            }
        } finally {
            trimLock.unlock();
        }
    }

    // --- the two ways a connection ends ---

    /**
     * Replaces a claimed connection that has done more than {@code recycle} operations. The old connection is closed
     * before the new one opens in its place, so that recycling never takes the pool past
     * {@code poolSize + maxOverflow} sockets.
     *
     * @return the replacement, reserved for the caller, or null when none could be opened (the place is then freed)
     */
    private PoolEntry replace(PoolEntry old) {
        close(old, "recycling connection after " + old.operationCount() + " operations");
        Connection replacement;
        try {
            replacement = connector.openReplacement(servers);
        } catch (PoolException e) {
            free();
            return null;
        }
        PoolEntry fresh = added(replacement);
        events.connectionRecycled(old.handle(), fresh.handle());
        return fresh;
    }

    /** Closes a connection that the calling thread claimed (checked out or reserved), freeing its place. */
    public void dispose(PoolEntry entry, String reason) {
        close(entry, reason);
        free();
    }

    private void close(PoolEntry entry, String reason) {
        bag.remove(entry);
        entry.closeConnection();
        events.connectionDisposed(entry.handle(), reason);
    }

    private void free() {
        capacity.release();
        bag.wakeWaiters(() -> capacity.taken() < maxConnections || closed);
    }

    /** Closes the idle connections that {@code unfit} accepts, for {@code reason}. */
    public int evictIdle(Predicate<PoolEntry> unfit, String reason) {
        return bag.evictIdle(unfit, entry -> dispose(entry, reason));
    }

    /** Closes idle connections past {@code maxLifetime} or {@code idleTimeout}; runs on the housekeeper. */
    private void retireIdleConnections() {
        long now = System.nanoTime();
        int expired = evictIdle(entry -> lifetimes.expired(entry, now), "it reached maxLifetime");
        evictIdle(entry -> lifetimes.idledOut(entry, now), "it idled longer than idleTimeout");
        // Connections that reached their lifetime are replaced, so that the pool stays warm.
        for (int i = 0; i < expired && !closed && capacity.tryTake(settings.poolSize()); i++) {
            try {
                bag.unreserve(open());
            } catch (PoolException e) {
                log.info("Pool {} could not replace a connection that reached maxLifetime: {}", name, e.getMessage());
                return;
            }
        }
    }

    // --- life cycle ---

    /** Closes every idle connection and fires {@code poolDisposed}; the pool stays usable. */
    public void dispose() {
        evictIdle(entry -> true, "pool " + name + " is being disposed");
        events.poolDisposed();
    }

    /**
     * Ends the pool: idle connections close now, checked-out ones when they come back, waiting threads are woken to
     * fail, and the housekeeper's thread ends. Idempotent.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        housekeeper.shutdown(HOUSEKEEPER_PATIENCE_NANOS);
        dispose();
        bag.wakeWaiters(() -> true);
        // A connection checked in right now is marked idle with a release store before its thread reads `closed`:
        // within nanoseconds of each other, that thread may not see the flag and the pass above may not see the
        // connection idle. By the time of a second pass a moment later, the store is visible.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        evictIdle(entry -> true, "pool " + name + " is closed");
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Fails when the pool is closed. */
    public void ensureOpen() {
        if (closed) {
            throw new InvalidPoolRequestException("Pool " + name + " is closed");
        }
    }

    // --- servers and counters ---

    /** Replaces the server list for new connections and fires {@code serverListObtained}. */
    public void setServerList(List<String> serverList) {
        ServerList list = ServerList.parse(serverList, knownServers);
        servers = list;
        events.serverListObtained(list.addresses());
    }

    /** The servers new connections go to. */
    public ServerList servers() {
        return servers;
    }

    /** How many connections are open. */
    public int openConnections() {
        return bag.size();
    }

    /** How many connections are idle in the pool now. */
    public int idle() {
        return bag.count(PoolEntry.IDLE);
    }

    /** How many connections are checked out now. */
    public int inUse() {
        return bag.count(PoolEntry.IN_USE);
    }

    /** How many threads wait for a connection now. */
    public int waiting() {
        return bag.waiting();
    }

    /** The most connections open at once. */
    public int maxConnections() {
        return maxConnections;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
