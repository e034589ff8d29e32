package dev.casspool.internal;

import dev.casspool.ConnectionWrapper;
import dev.casspool.InvalidPoolRequestException;
import dev.casspool.InvalidSettingException;
import dev.casspool.PoolException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
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
    private final int poolSize;
    private final int maxConnections;
    /** How many operations a connection may do before it is replaced; {@link Integer#MAX_VALUE} without recycling. */
    private final int recycleAfter;
    /** Whether connections beyond {@code poolSize} may open, to be closed on check-in while enough others are idle. */
    private final boolean overflows;
    private final PoolEvents events;
    private final Housekeeper housekeeper;
    private final ConnectionBag bag;
    private final Capacity capacity;
    private final LifetimePolicy lifetimes;
    /** Null without {@code leakDetectionThreshold}. */
    private final LeakDetector leaks;
    private final SaturationLog saturation;
    private final ServerHealth health;
    private final Connector connector;
    private final Failover failover;
    private final ServerDirectory servers;
    private final AtomicInteger entryIds = new AtomicInteger();
    /** Serializes trimming; a lock rather than a monitor, which would pin a virtual thread's carrier on Java 21. */
    private final ReentrantLock trimLock = new ReentrantLock();
    private final RingDiscovery ring;
    private final Acquisition acquisition;
    private Function<PoolEntry, ConnectionWrapper> handles;
    private volatile boolean closed;

    /**
     * Creates the engine of pool {@code name}; {@link #start} sets it going.
     *
     * @param name the pool's logging name
     * @param settings the pool's checked settings
     * @param events the pool's events
     * @param servers the pool's servers
     */
    public PoolEngine(String name, PoolSettings settings, PoolEvents events, ServerDirectory servers) {
        this.name = name;
        this.servers = servers;
        this.settings = settings;
        this.poolSize = settings.poolSize();
        this.maxConnections = settings.maxConnections();
        this.recycleAfter = settings.recycle() < 0 ? Integer.MAX_VALUE : settings.recycle();
        this.overflows = maxConnections > settings.poolSize();
        this.events = events;
        this.housekeeper = new Housekeeper(name);
        this.lifetimes = new LifetimePolicy(settings.maxLifetime(), settings.idleTimeout(),
                settings.validateAfterIdle());
        this.bag = new ConnectionBag(housekeeper, this::roomToOpen,
                lifetimes.validatesEveryCheckOut());
        this.capacity = new Capacity(poolSize, bag);
        this.leaks = settings.leakDetectionThreshold() == null ? null
                : new LeakDetector(name, housekeeper, settings.leakDetectionThreshold());
        bag.detour(ConnectionBag.LEAKS_WATCHED, leaks != null);
        events.whenCheckoutsObserved(observed -> bag.detour(ConnectionBag.CHECKOUTS_OBSERVED, observed));
        this.saturation = new SaturationLog(name, maxConnections, settings.poolTimeout(), events.counters());
        ConnectionSettings connections = settings.connectionSettings();
        this.health = new ServerHealth(connections, housekeeper,
                new ServerEvents(events, server -> evictIdle(entry -> entry.connection().server() == server,
                        "its server " + server + " was marked down")),
                settings.serverRetryInitialDelay(), settings.serverRetryMaxDelay(),
                settings.timeout() != null ? settings.timeout() : DEFAULT_PROBE_TIMEOUT);
        this.connector = new Connector(name, connections,
                (error, server) -> events.connectionFailed(error, server, null), health);
        this.failover = new Failover(name, events, health, connector, servers::current, settings.maxRetries(),
                settings.retryCounterMutations());
        this.ring = settings.ring().discovery() ? new RingDiscovery(name, settings.ring(), this, servers) : null;
        this.acquisition = new Acquisition(name, settings, this, bag, lifetimes, saturation, events);
    }

    /**
     * Takes the server list and starts the background work; {@code handles} makes the handle of each new connection,
     * which events carry until its first check-out.
     */
    public void start(Function<PoolEntry, ConnectionWrapper> handles) {
        this.handles = handles;
        setServerList(settings.servers().get());
        if (lifetimes.needsWatching()) {
            new LifetimeWatch(bag, lifetimes, System.nanoTime()).start(housekeeper);
        }
        if (lifetimes.needsSweeping()) {
            housekeeper.every(lifetimes.sweepPeriodNanos(), this::retireIdleConnections);
        }
        housekeeper.every(TimeUnit.SECONDS.toNanos(1), () -> {
            events.tick();
            saturation.tick(bag.waiting());
        });
    }

    /**
     * Makes the pool ready for use: reads the ring (with {@code ringDiscovery}), then opens {@code poolSize}
     * connections (with {@code prefill}).
     *
     * @throws InvalidSettingException when {@code localDatacenter} has no node in the ring
     * @throws dev.casspool.AllServersUnavailableException when no server (seed) can be reached
     */
    public void warmUp() {
        if (ring != null) {
            ring.discover();
        }
        if (settings.prefill()) {
            fill();
        }
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

    /** See {@link Acquisition#acquire}. */
    public PoolEntry acquire(int[] local) {
        return acquisition.acquire(local);
    }

    /** See {@link Acquisition#acquireFor}. */
    public PoolEntry acquireFor(List<Server> replicas, int[] local) {
        return acquisition.acquireFor(replicas, local);
    }

    /** See {@link Acquisition#takeIdle}. */
    public PoolEntry takeIdle(int[] local, boolean validate) {
        return acquisition.takeIdle(local, validate);
    }

    /** Records a check-out for leak detection and timings; {@code start} is when the get began, or 0. */
    public void checkedOut(PoolEntry entry, ConnectionWrapper handle, long start) {
        events.connectionCheckedOut(handle);
        if (start != 0L) {
            long now = System.nanoTime();
            entry.checkedOutAt(now);
            events.acquired(handle, now - start);
        }
        if (leaks != null) {
            leaks.checkedOut(entry);
        }
    }

    // --- opening ---

    /** How many connections are open or being opened. */
    int taken() {
        return capacity.taken();
    }

    /** Takes a place for a connection to open, if fewer than {@code limit} are taken. */
    boolean tryTake(int limit) {
        return capacity.tryTake(limit);
    }

    /** Opens a connection, checked out, if fewer than {@code limit} are open or being opened; null when full. */
    PoolEntry tryOpen(int limit) {
        if (!capacity.tryTake(limit)) {
            return null;
        }
        PoolEntry entry = open(List.of());
        entry.checkOutReserved();
        return entry;
    }

    /**
     * Opens a connection into a place the caller has taken, reserved for it, to the first of {@code preferred} that
     * answers, or to the next server in turn; frees the place if that fails.
     */
    PoolEntry open(List<Server> preferred) {
        Connection connection;
        try {
            connection = preferred.isEmpty() ? connector.open(servers.current())
                    : connector.openPreferring(preferred, servers.current());
        } catch (RuntimeException e) {
            free();
            throw e;
        }
        return added(connection);
    }

    private PoolEntry added(Connection connection) {
        long now = System.nanoTime();
        PoolEntry entry = new PoolEntry(connection, entryIds.incrementAndGet(), lifetimes.expiresAt(now), now);
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
            bag.unreserve(open(List.of()));
        }
    }

    // --- check-in ---

    /**
     * Checks a connection in: keeps it, replaces it after {@code recycle} operations, or closes it when it is unfit,
     * the pool holds enough idle ones, or the pool is closed. Its state is read, not compare-and-set: only the holder
     * of a connection may put it back, and the step that matters is the bag's, which makes it available again.
     */
    public void checkIn(PoolEntry entry, int[] local) {
        if (leaks != null) {
            leaks.checkedIn(entry);
        }
        long checkedOutAt = entry.checkedOutAt();
        if (checkedOutAt != 0L) {
            entry.checkedOutAt(0L);
            events.released(entry.handle(), System.nanoTime() - checkedOutAt);
        }
        String unfit = unfitForReuse(entry);
        if (unfit != null) {
            dispose(entry, unfit);
            return;
        }
        PoolEntry returning = entry.operationCount() > recycleAfter ? replace(entry) : entry;
        if (returning == null) {
            return;
        }
        events.connectionCheckedIn(returning.handle());
        putBack(returning, local);
    }

    /**
     * Checks a connection in when nothing listens to check-ins, times them or watches for leaks, and the pool is open
     * ({@link ConnectionBag#checkInsDirect}): puts it back as it is, unless it needs a look (failed or changed by its
     * caller, its server out of the ring, or due for recycling), which {@link #checkIn} gives it. The caller saw that
     * the entry is not {@linkplain PoolEntry#due() due}. A pool closed meanwhile closes the connection in
     * {@link #putBack}.
     */
    public void checkInQuietly(PoolEntry entry, int[] local) {
        Connection connection = entry.connection();
        if (entry.operationCount() > recycleAfter || !connection.isReusable()
                || !connection.server().inRing()) {
            checkIn(entry, local);
        } else {
            putBack(entry, local);
        }
    }

    /** Makes a checked-in connection idle, then closes it if the pool holds enough idle ones or was closed meanwhile. */
    private void putBack(PoolEntry returning, int[] local) {
        bag.requite(returning, local);
        if (overflows && bag.size() > poolSize) {
            trimIdle(returning);
        }
        disposeIfClosedMeanwhile(returning);
    }

    /**
     * Undoes a check-out that the warm path made and may not keep, as the caller found after making it: through the
     * view of another pool's bag ({@link ConnectionBag#recentView}), or by the thread's id
     * ({@link ConnectionBag#takeWarmByThread}, {@code otherView} null).
     */
    public void undoCheckOut(PoolEntry entry, int[] otherView) {
        bag.undoCheckOut(entry, otherView);
        disposeIfClosedMeanwhile(entry);
    }

    /** Closes an entry just made idle when close() ran meanwhile, and did not see it idle. */
    private void disposeIfClosedMeanwhile(PoolEntry idle) {
        if (closed && bag.reserve(idle)) {
            dispose(idle, "pool " + name + " is closed");
        }
    }

    /** Why a connection coming back must be closed instead of kept, or null when it may stay. */
    private String unfitForReuse(PoolEntry entry) {
        Connection connection = entry.connection();
        if (closed) {
            return "pool " + name + " is closed";
        }
        if (!connection.isReusable()) {
            return connection.isOpen() ? "the caller changed its keyspace or login" : "the connection failed";
        }
        if (!connection.server().inRing()) {
            return "its server " + connection.server() + " left the ring";
        }
        // Only an entry that the LifetimeWatch marked can have reached its lifetime (to within one of its ticks).
        if (entry.due() && lifetimes.expired(entry, System.nanoTime())) {
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
            replacement = connector.openReplacement(servers.current());
        } catch (PoolException e) {
            free();
            return null;
        }
        PoolEntry fresh = added(replacement);
        events.connectionRecycled(old.connection().server(), old.handle(), fresh.handle());
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
        bag.roomOpened();
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
                bag.unreserve(open(List.of()));
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
        bag.detour(ConnectionBag.POOL_CLOSED, true);
        if (ring != null) {
            ring.close();
        }
        housekeeper.shutdown(HOUSEKEEPER_PATIENCE_NANOS);
        dispose();
        bag.close();
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

    /** Whether a connection may open beyond those open now, overflow included. */
    private boolean roomToOpen() {
        return capacity.taken() < maxConnections;
    }

    /** Fails when the pool is closed. */
    public void ensureOpen() {
        if (closed) {
            throw new InvalidPoolRequestException("Pool " + name + " is closed");
        }
    }

    // --- the ring ---

    /** The keyspace of the pool's connections. */
    public String keyspace() {
        return settings.keyspace();
    }

    /** The replicas of a row key, or an empty list when the pool does not route keys (or knows no ring yet). */
    public List<Server> replicasOf(ByteBuffer key) {
        return ring == null ? List.of() : ring.replicasOf(key);
    }

    /**
     * Gives back a connection taken for the pool's own work ({@link #takeIdle}, {@link #tryOpen},
     * {@link ConnectionBag#borrow}), which no caller saw: idle again, or closed when it is unfit for reuse.
     */
    void giveBack(PoolEntry entry, int[] local) {
        String unfit = unfitForReuse(entry);
        if (unfit != null) {
            dispose(entry, unfit);
        } else {
            bag.requite(entry, local);
        }
    }

    /** Opens a connection to {@code server}, idle in the pool, if the pool is below {@code poolSize}. */
    boolean openIdleTo(Server server) {
        if (!capacity.tryTake(settings.poolSize())) {
            return false;
        }
        bag.unreserve(open(List.of(server)));
        return true;
    }

    /** Closes an idle connection to {@code server}, for {@code reason}; false when none is idle. */
    boolean closeIdleTo(Server server, String reason) {
        PoolEntry idle = bag.reserveIdle(entry -> entry.connection().server() == server);
        if (idle == null) {
            return false;
        }
        dispose(idle, reason);
        return true;
    }

    /** The pool's {@code poolSize}. */
    int poolSize() {
        return poolSize;
    }

    /** The pool's events. */
    PoolEvents events() {
        return events;
    }

    // --- servers ---

    /** Replaces the server list for new connections and fires {@code serverListObtained}. */
    public void setServerList(List<String> serverList) {
        events.serverListObtained(servers.useList(serverList).addresses());
    }
}
