package dev.casspool.internal;

import dev.casspool.ConnectionWrapper;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A pool's slot for one connection (HikariCP's {@code PoolEntry}): its state in the pool, the physical connection
 * (replaced when a retry fails over to another server), and the counters pycassa keeps per connection. The public
 * face of an entry is its {@link ConnectionWrapper}, made once and kept for the entry's life.
 */
public final class PoolEntry {

    /** In the pool, free to be checked out. */
    public static final int IDLE = 0;
    /** Checked out by a caller. */
    public static final int IN_USE = 1;
    /** Being checked in: the pool decides whether to keep, recycle or dispose it. */
    public static final int RETURNING = 2;
    /** Closed and out of the pool for good. */
    public static final int REMOVED = -1;

    /** A VarHandle rather than a field updater: no per-call class check on the hottest instruction of the pool. */
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PoolEntry.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;
    private volatile Connection connection;
    private final ConnectionWrapper wrapper;
    private final long expiresAt;
    private int operationCount;
    private int retryCount;
    private long checkedOutAt;
    private long lastUsed;
    private LocalEntries holder;
    private volatile int checkouts;
    private volatile Future<?> leakCheck;
    private volatile boolean leakReported;

    /**
     * Creates an entry around an open connection.
     *
     * @param connection the physical connection
     * @param state the initial state
     * @param expiresAt when the connection reaches its maximum lifetime ({@link System#nanoTime()} scale); ignored
     *     when the pool has none
     * @param wrapperFactory makes the entry's public wrapper
     */
    public PoolEntry(Connection connection, int state, long expiresAt,
                     Function<PoolEntry, ConnectionWrapper> wrapperFactory) {
        this.connection = connection;
        this.state = state;
        this.expiresAt = expiresAt;
        this.lastUsed = CoarseClock.nanoTime();
        this.wrapper = wrapperFactory.apply(this);
    }

    /** The current state. */
    public int state() {
        return state;
    }

    /**
     * Takes an idle entry ({@link #IDLE} to {@link #IN_USE}): reads the state before trying the compare-and-set, so
     * that a thread scanning entries that others use reads their cache lines instead of taking each one exclusively
     * for a compare-and-set that fails.
     *
     * @return whether this thread took it
     */
    public boolean tryTake() {
        return state == IDLE && (boolean) STATE.compareAndSet(this, IDLE, IN_USE);
    }

    /** Moves from {@code expected} to {@code next} if the state is {@code expected}; the one atomic step of the pool. */
    public boolean compareAndSet(int expected, int next) {
        return (boolean) STATE.compareAndSet(this, expected, next);
    }

    /** Sets the state unconditionally, for the thread that owns the entry (it holds the only claim to it). */
    public void setState(int next) {
        state = next;
    }

    /**
     * Makes the entry {@link #IDLE} with a release store, for the thread that owns it: everything it wrote before is
     * visible to whoever takes the entry next. Unlike a volatile store, it does not wait for the write to reach other
     * processors before this thread reads on, which saves a full fence on every check-in; the price is that a read
     * right after it may not yet see another thread's concurrent write, which {@link ConnectionBag} and the pool's
     * {@code close()} account for.
     */
    public void markIdle() {
        STATE.setRelease(this, IDLE);
    }

    /** The connection's public face. */
    public ConnectionWrapper wrapper() {
        return wrapper;
    }

    /** The physical connection, or null after a failure that no reconnect has replaced yet. */
    public Connection connection() {
        return connection;
    }

    /** Replaces the physical connection (failover), or clears it with null. */
    public void connection(Connection replacement) {
        this.connection = replacement;
    }

    /** Operations performed on this connection (each attempt of a retried data call counts). */
    public int operationCount() {
        return operationCount;
    }

    /** Counts one more operation. */
    public void countOperation() {
        operationCount++;
    }

    /** Consecutive failed attempts since the last success or check-in. */
    public int retryCount() {
        return retryCount;
    }

    /** Counts one more failed attempt and returns the new count. */
    public int countRetry() {
        return ++retryCount;
    }

    /** Forgets failed attempts, after a success or at check-in. */
    public void resetRetries() {
        retryCount = 0;
    }

    /** When the entry was checked out ({@link System#nanoTime()}), or 0 when nobody timed it. */
    public long checkedOutAt() {
        return checkedOutAt;
    }

    /** Records when the entry was checked out, or 0 when nobody times it. */
    public void checkedOutAt(long nanoTime) {
        this.checkedOutAt = nanoTime;
    }

    /**
     * The {@link LocalEntries} of the thread that checked the entry out last. Read without synchronization by the
     * thread that puts it back, which must check {@link LocalEntries#belongsToCurrentThread()} before using it.
     */
    public LocalEntries holder() {
        return holder;
    }

    /** Records which thread's {@link LocalEntries} checked the entry out. */
    public void holder(LocalEntries local) {
        this.holder = local;
    }

    /** When the connection reaches its maximum lifetime, on {@link System#nanoTime()}'s scale. */
    public long expiresAt() {
        return expiresAt;
    }

    /** When the entry last came back to the pool ({@link CoarseClock} time), or was created. */
    public long lastUsed() {
        return lastUsed;
    }

    /** Records that the entry comes back to the pool at {@code now}; written before its state turns idle. */
    public void touch(long now) {
        lastUsed = now;
    }

    /** Counts a check-out, for leak detection, and returns its number. */
    public int startCheckout() {
        return ++checkouts;
    }

    /** The number of the latest check-out. */
    public int checkouts() {
        return checkouts;
    }

    /** The pending leak check of the current check-out, or null. */
    public Future<?> leakCheck() {
        return leakCheck;
    }

    /** Sets (or with null, clears) the pending leak check. */
    public void leakCheck(Future<?> check) {
        this.leakCheck = check;
    }

    /** Whether the current check-out was reported as a possible leak. */
    public boolean leakReported() {
        return leakReported;
    }

    /** Records whether the current check-out was reported as a possible leak. */
    public void leakReported(boolean reported) {
        this.leakReported = reported;
    }

    /** Closes the physical connection, if there is one. */
    public void closeConnection() {
        Connection current = connection;
        if (current != null) {
            current.close();
        }
    }
}
