package dev.casspool.internal;

import dev.casspool.ConnectionWrapper;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Future;

/**
 * A pool's slot for one connection (HikariCP's {@code PoolEntry}): its state in the {@link ConnectionBag}, the
 * physical connection (replaced when a retry fails over to another server), the counters pycassa keeps per
 * connection, and the handle ({@link ConnectionWrapper}) of its current check-out.
 *
 * <p>The state, the number of the current check-out and the mark {@linkplain #due() due} share one word, changed by
 * compare-and-set, so that a handle can tell with one read whether its check-out is still the current one (a handle
 * kept after {@code put} never works on somebody else's check-out of the same connection), and a check-out that takes
 * an entry knows from the same word whether it must look at it first.
 */
public final class PoolEntry {

    /** In the bag, free to be checked out. */
    public static final int IDLE = 0;
    /** Checked out by a caller. */
    public static final int IN_USE = 1;
    /** Claimed by the pool itself: being opened, validated, replaced or closed, never handed out meanwhile. */
    public static final int RESERVED = 2;
    /** Closed and out of the bag for good. */
    public static final int REMOVED = 3;

    private static final long STATE_MASK = 0b11;
    /** Set by the {@link LifetimeWatch}: the entry reached its lifetime, or idled long enough to need validation. */
    private static final long DUE = 0b100;
    private static final int CHECKOUT_SHIFT = 3;

    /** A VarHandle rather than a field updater: no per-call class check on the hottest instruction of the pool. */
    private static final VarHandle WORD;

    static {
        try {
            WORD = MethodHandles.lookup().findVarHandle(PoolEntry.class, "word", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@code checkout << CHECKOUT_SHIFT | due | state}: the latest check-out's number, the due mark, the state. */
    private volatile long word;
    private volatile Connection connection;
    private final int id;
    private int slot;
    private final long expiresAt;
    private int operationCount;
    private long checkedOutAt;
    /** When the entry last came back to the pool, as its {@link LifetimeWatch} saw it. */
    private volatile long lastUsed;
    /** The word as the {@link LifetimeWatch} saw it last, without the due mark; only the watch reads and writes it. */
    private long watchedWord;
    /** The handle of the latest check-out, the thread it was made for, and that thread's view of the bag. */
    private ConnectionWrapper handle;
    private Thread handleThread;
    private int[] handleOwner;
    private volatile Future<?> leakCheck;
    private volatile boolean leakReported;

    /**
     * Creates an entry around an open connection, {@link #RESERVED} for the thread that opened it.
     *
     * @param connection the physical connection
     * @param id the entry's number in its pool, for names
     * @param expiresAt when the connection reaches its maximum lifetime ({@link System#nanoTime()} scale); ignored
     *     when the pool has none
     * @param now when the entry is created ({@link System#nanoTime()}), as its last use
     */
    public PoolEntry(Connection connection, int id, long expiresAt, long now) {
        this.connection = connection;
        this.id = id;
        this.expiresAt = expiresAt;
        this.lastUsed = now;
        this.word = RESERVED;
    }

    /** The current state: {@link #IDLE}, {@link #IN_USE}, {@link #RESERVED} or {@link #REMOVED}. */
    public int state() {
        return (int) (word & STATE_MASK);
    }

    /** The number of the latest check-out (0 before the first). */
    public long checkout() {
        return word >>> CHECKOUT_SHIFT;
    }

    /** Whether check-out number {@code checkout} is still going on: the entry is in use by that check-out. */
    public boolean inUseBy(long checkout) {
        return (word & ~DUE) == (checkout << CHECKOUT_SHIFT | IN_USE);
    }

    /**
     * Whether check-out number {@code checkout} is still going on and the entry is not {@linkplain #due() due}: a
     * check-in may put it back as it is. One read of the word answers both.
     */
    public boolean inUseUnmarkedBy(long checkout) {
        return word == (checkout << CHECKOUT_SHIFT | IN_USE);
    }

    /**
     * Whether the entry must be looked at before it is used again: the {@link LifetimeWatch} saw it reach its
     * lifetime, or idle long enough to need validation (or the pool validates every check-out).
     */
    public boolean due() {
        return (word & DUE) != 0;
    }

    /**
     * Checks the entry out if it is idle and not {@linkplain #due() due}: the warm path, which then needs to look at
     * nothing else. Reads the word before trying the compare-and-set, so that a thread scanning entries that others
     * use reads their cache lines instead of taking each one exclusively for a compare-and-set that fails.
     *
     * @return whether this thread checked it out
     */
    boolean tryCheckOut() {
        long current = word;
        return (current & (STATE_MASK | DUE)) == IDLE && WORD.compareAndSet(this, current, nextCheckout(current));
    }

    /**
     * Checks the entry out if it is idle, due or not; a due entry stays marked for the caller to look at it.
     *
     * @return whether this thread checked it out
     */
    boolean tryCheckOutEvenDue() {
        long current = word;
        return (current & STATE_MASK) == IDLE && WORD.compareAndSet(this, current, nextCheckout(current));
    }

    /**
     * Clears the due mark of an entry that the calling thread checked out and looked at. Not a compare-and-set: a
     * mark that the {@link LifetimeWatch} sets meanwhile may be lost, and is set again on its next tick.
     */
    void lookedAt() {
        word &= ~DUE;
    }

    /** Checks out an entry that the calling thread reserved (a connection it just opened, or one it validated). */
    void checkOutReserved() {
        long current = word;
        requireState(current, RESERVED);
        word = nextCheckout(current);
    }

    /** Reserves the entry if it is idle. */
    boolean tryReserve() {
        long current = word;
        return (current & STATE_MASK) == IDLE && WORD.compareAndSet(this, current, current - IDLE + RESERVED);
    }

    /**
     * Makes an entry that the calling thread claimed (in use or reserved) idle, with a release store: everything it
     * wrote before is visible to whoever takes the entry next. Unlike a volatile store, it does not wait for the
     * write to reach other processors before this thread reads on, which saves a full fence on every check-in; the
     * price is that a read right after it may not yet see another thread's concurrent write, which
     * {@link ConnectionBag} accounts for. A due mark that the {@link LifetimeWatch} set meanwhile may be lost; the
     * watch sets it again on its next tick.
     *
     * @param due whether the entry is due at once (a pool that validates every check-out)
     */
    void markIdle(boolean due) {
        WORD.setRelease(this, word & ~(STATE_MASK | DUE) | IDLE | (due ? DUE : 0));
    }

    /**
     * For the {@link LifetimeWatch}: the word as it is now, having recorded {@code previousTick} as the entry's last
     * use when it is idle after a check-out (or a reservation) that the watch has not yet seen idle: it came back
     * after that tick.
     */
    long watch(long previousTick) {
        long current = word;
        long seen = current & ~DUE;
        if (seen != watchedWord) {
            watchedWord = seen;
            if ((seen & STATE_MASK) == IDLE) {
                lastUsed = previousTick;
            }
        }
        return current;
    }

    /**
     * For the {@link LifetimeWatch}: marks the entry due if its word is still {@code seen}, as the watch read it.
     */
    void markDue(long seen) {
        if ((seen & DUE) == 0) {
            WORD.compareAndSet(this, seen, seen | DUE);
        }
    }

    /** The state in a word that {@link #watch} returned. */
    static int state(long word) {
        return (int) (word & STATE_MASK);
    }

    /** Marks a claimed entry removed, for good. */
    void markRemoved() {
        long current = word;
        if ((current & STATE_MASK) == IDLE || (current & STATE_MASK) == REMOVED) {
            throw new IllegalStateException("entry " + id + " is not claimed: " + current);
        }
        word = current & ~STATE_MASK | REMOVED;
    }

    /** The word of the next check-out: its number, the due mark kept, in use. */
    private static long nextCheckout(long current) {
        return ((current >>> CHECKOUT_SHIFT) + 1) << CHECKOUT_SHIFT | current & DUE | IN_USE;
    }

    private void requireState(long current, int expected) {
        if ((current & STATE_MASK) != expected) {
            throw new IllegalStateException("entry " + id + " is in state " + (current & STATE_MASK) + ", not "
                    + expected);
        }
    }

    /** The entry's number in its pool. */
    public int id() {
        return id;
    }

    /** Where the entry is in its {@link ConnectionBag}. */
    int slot() {
        return slot;
    }

    /** Records where the entry is in its {@link ConnectionBag}; set once, when it is added. */
    void slot(int slot) {
        this.slot = slot;
    }

    /** The handle of the latest check-out (or the one made when the entry was created), for events. */
    public ConnectionWrapper handle() {
        return handle;
    }

    /**
     * Whether the latest handle was made for the thread whose view of the bag is {@code owner}, which may then use it
     * again for its next check-out: a thread that keeps a handle after {@code put} only ever reaches its own
     * check-outs with it, and the warm path allocates nothing.
     */
    public boolean handleMadeFor(int[] owner) {
        return handleOwner == owner;
    }

    /** Records the handle of a new check-out, made for the calling thread, whose view of the bag is {@code owner}. */
    public void handle(ConnectionWrapper handle, int[] owner) {
        this.handle = handle;
        this.handleOwner = owner;
        this.handleThread = Thread.currentThread();
    }

    /**
     * The view of the bag of the thread the latest handle was made for, when that is the calling thread (which
     * usually puts back what it took, and so skips a thread-local lookup), or null.
     */
    public int[] handleOwnerIfCurrent() {
        return handleThread == Thread.currentThread() ? handleOwner : null;
    }

    /** The view of the bag of the thread the latest handle was made for, or null. */
    int[] handleOwner() {
        return handleOwner;
    }

    /** The physical connection. */
    public Connection connection() {
        return connection;
    }

    /** Replaces the physical connection (failover). */
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

    /** When the entry was checked out ({@link System#nanoTime()}), or 0 when nobody timed it. */
    long checkedOutAt() {
        return checkedOutAt;
    }

    /** Records when the entry was checked out, or 0 when nobody times it. */
    void checkedOutAt(long nanoTime) {
        this.checkedOutAt = nanoTime;
    }

    /** When the connection reaches its maximum lifetime, on {@link System#nanoTime()}'s scale. */
    public long expiresAt() {
        return expiresAt;
    }

    /**
     * When the entry last came back to the pool, or was created ({@link System#nanoTime()}), as the
     * {@link LifetimeWatch} saw it: no later than the truth, by up to one of its ticks.
     */
    public long lastUsed() {
        return lastUsed;
    }

    /** The pending leak check of the current check-out, or null. */
    Future<?> leakCheck() {
        return leakCheck;
    }

    /** Sets (or with null, clears) the pending leak check. */
    void leakCheck(Future<?> check) {
        this.leakCheck = check;
    }

    /** Whether the current check-out was reported as a possible leak. */
    boolean leakReported() {
        return leakReported;
    }

    /** Records whether the current check-out was reported as a possible leak. */
    void leakReported(boolean reported) {
        this.leakReported = reported;
    }

    /** Closes the physical connection. */
    void closeConnection() {
        connection.close();
    }

    @Override
    public String toString() {
        return "PoolEntry[" + id + ", state " + state() + ", check-out " + checkout() + "]";
    }
}
