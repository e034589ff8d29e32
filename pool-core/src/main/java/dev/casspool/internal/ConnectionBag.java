package dev.casspool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Holds a pool's entries and is the only one to change their states: check-out, check-in, reservation by the pool
 * itself and removal, and the wait of threads that find no entry free (after HikariCP's {@code ConcurrentBag}:
 * {@code borrow}, {@code requite}, {@code reserve}, {@code unreserve}, {@code remove}).
 *
 * <p>The fast path takes no lock and writes no shared memory: a thread first tries the entry it returned last (found
 * by its id on the warm path, {@link #takeWarmByThread}, and kept in its {@link LocalSlots}), then scans all entries;
 * taking one is a compare-and-set on that entry's own state. It takes
 * only entries that are not {@linkplain PoolEntry#due() due}, which the caller may hand out as they are; the others
 * come through {@link #takeIdleEvenDue}, to be looked at first.
 *
 * <p>The pool's warm path ({@link #takeWarmByThread}, {@link #checkInsDirect}) asks the bag, in one word, whether
 * anything sends check-outs elsewhere now ({@link #detour}): each reason is set and cleared by whoever changes it (the
 * pool closing or growing, a listener added, leak detection), rather than read from its own field in its own object
 * on every check-out. A warm check-out and check-in reads a few tens of words and writes a few, so every load it saves
 * counts: asking one word instead of seven fields in four objects made plain mode's a fifth faster from 1 to 8
 * threads in {@code WarmPoolBenchmark}.
 *
 * <p>Threads that find nothing wait in the bag's {@link WaitLine}, first come, first served.
 */
public final class ConnectionBag {

    /** How long the line may stand still before nobody may overtake it. */
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final PoolEntry[] NO_ENTRIES = new PoolEntry[0];
    /** Detour: the line of waiting threads has stalled, and nobody may overtake it (see {@link WaitLine}). */
    static final int LINE_STALLED = 1;
    /** Detour: the pool is closed; check-ins too go the general way, which closes their connections. */
    public static final int POOL_CLOSED = 1 << 1;
    /** Detour: the pool is below {@code poolSize}, and a check-out opens a new connection first (as pycassa grows). */
    public static final int POOL_GROWING = 1 << 2;
    /** Detour: a listener or log wants check-out or check-in events, or somebody times check-outs. */
    public static final int CHECKOUTS_OBSERVED = 1 << 3;
    /** Detour: check-outs are watched for leaks ({@code leakDetectionThreshold}). */
    public static final int LEAKS_WATCHED = 1 << 4;
    /** The detours that concern check-ins as well. */
    private static final int CHECK_IN_DETOURS = POOL_CLOSED | CHECKOUTS_OBSERVED | LEAKS_WATCHED;
    private static final VarHandle DETOURS;

    static {
        try {
            DETOURS = MethodHandles.lookup().findVarHandle(ConnectionBag.class, "detours", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Entries by slot; a removed entry's slot is null until a new entry takes it. Replaced as a whole on change. */
    private volatile PoolEntry[] slots = NO_ENTRIES;
    private volatile int size;
    /** The reasons for check-outs to leave the warm path now, one bit each ({@link #detour}); 0 when there is none. */
    private volatile int detours;
    private final ReentrantLock slotsLock = new ReentrantLock();
    /** The entry each thread returned last, by its id ({@link ThreadHints}, {@link #takeWarmByThread}). */
    private final PoolEntry[] returnedByThread = ThreadHints.create();
    /** This bag's place in every thread's views ({@link LocalViews}), and the generation of its views. */
    private final int viewIndex;
    private final int viewGeneration;
    private final WaitLine line;
    /** Whether an entry is {@linkplain PoolEntry#due() due} again each time it turns idle. */
    private final boolean dueOnReturn;

    /**
     * Creates an empty bag.
     *
     * @param housekeeper runs the rescue of racing waiters
     * @param roomToOpen whether the pool may open another connection, which ends the waits that stop for room
     * @param dueOnReturn whether an entry is {@linkplain PoolEntry#due() due} each time it turns idle (a pool that
     *     validates every check-out)
     */
    public ConnectionBag(Housekeeper housekeeper, BooleanSupplier roomToOpen, boolean dueOnReturn) {
        this(housekeeper, roomToOpen, dueOnReturn, STALL_NANOS);
    }

    /** Creates an empty bag whose line counts as stalled after standing still for {@code stallNanos}. */
    ConnectionBag(Housekeeper housekeeper, BooleanSupplier roomToOpen, boolean dueOnReturn, long stallNanos) {
        this.dueOnReturn = dueOnReturn;
        this.line = new WaitLine(this, housekeeper, roomToOpen, stallNanos);
        LocalViews.Place place = LocalViews.claim(this);
        this.viewIndex = place.index;
        this.viewGeneration = place.generation;
    }

    /** The entry each thread returned last, by its id ({@link ThreadHints}); the same array for the bag's life. */
    public PoolEntry[] returnedByThread() {
        return returnedByThread;
    }

    /** The calling thread's view of this bag. */
    public int[] local() {
        return LocalViews.view(viewIndex, viewGeneration);
    }

    /**
     * The view the calling thread used last, of whichever bag: usually of the one it is about to use. For the warm
     * path only, which hands it to {@link #held(int[])}, {@link #takeWarm} or {@link #takeWarmToHold} and asks only
     * then whether it is their bag's ({@link #owns}); when it is not, the caller gives back what it took through it
     * ({@link #undoCheckOut}) and starts again with {@link #local()}.
     *
     * <p>Until then its slots are hints that cost nothing when wrong: the entry they name is the bag's own, and any
     * idle one will do. The question is put off for the warm path's sake. Whatever the check-out's compare-and-set
     * must wait for is paid on every check-out, and a question about the bag's generation, asked before it as
     * {@link #local()} asks it, waits for the bag to be loaded through the pool; asked after it, it is not waited
     * for. Static for the same reason: called on a bag, it would check that the bag is not null first.
     */
    public static int[] recentView() {
        return LocalViews.recent();
    }

    /** Whether {@code view} is the calling thread's view of this bag, rather than of another. */
    public boolean owns(int[] view) {
        return LocalSlots.generation(view) == viewGeneration;
    }

    /**
     * The entry this thread holds in thread-local mode, or null (also when {@code local} is another bag's view:
     * {@link #recentView}).
     */
    public PoolEntry held(int[] local) {
        int slot = LocalSlots.held(local);
        if (LocalSlots.none(slot) || !owns(local)) {
            return null;
        }
        PoolEntry entry = entryAt(slot);
        if (entry == null || entry.handleOwner() != local || entry.state() != PoolEntry.IN_USE) {
            LocalSlots.held(local, -1);  // closed by the pool since, with its slot taken over
            return null;
        }
        return entry;
    }

    /** Records (or with null, forgets) the entry this thread holds in thread-local mode. */
    public void held(int[] local, PoolEntry entry) {
        LocalSlots.held(local, entry == null ? -1 : entry.slot());
    }

    /** Adds an entry, {@link PoolEntry#RESERVED} for the thread that created it, in a free slot. */
    public void add(PoolEntry entry) {
        slotsLock.lock();
        try {
            PoolEntry[] current = slots;
            int slot = Arrays.asList(current).indexOf(null);
            PoolEntry[] next = Arrays.copyOf(current, slot < 0 ? current.length + 1 : current.length);
            slot = slot < 0 ? current.length : slot;
            next[slot] = entry;
            entry.slot(slot);
            slots = next;
            size++;
        } finally {
            slotsLock.unlock();
        }
    }

    /**
     * Takes an entry that the calling thread claimed (checked out or reserved) out of the bag for good.
     *
     * @throws IllegalStateException when the entry is not claimed: only its owner may remove it
     */
    public void remove(PoolEntry entry) {
        entry.markRemoved();
        slotsLock.lock();
        try {
            PoolEntry[] next = slots.clone();
            next[entry.slot()] = null;
            slots = next;
            size--;
        } finally {
            slotsLock.unlock();
        }
    }

    /**
     * Sets or clears a reason for check-outs to leave the warm path: {@link #POOL_CLOSED}, {@link #POOL_GROWING},
     * {@link #CHECKOUTS_OBSERVED} or {@link #LEAKS_WATCHED}. The one who changes a reason's answer calls this, and
     * one who may race with others over it reads its answer again after the call until it stands still.
     *
     * @param reason the reason's bit
     * @param applies whether the reason applies now
     */
    public void detour(int reason, boolean applies) {
        if (((detours & reason) != 0) != applies) {
            if (applies) {
                DETOURS.getAndBitwiseOr(this, reason);
            } else {
                DETOURS.getAndBitwiseAnd(this, ~reason);
            }
        }
    }

    /**
     * Checks out on the warm path the entry that the calling thread returned last, found by its id; null when any
     * reason sends check-outs elsewhere ({@link #detour}) or that entry is not idle, or is due. The caller then asks
     * {@link #keepWarm} whether it may hand it out as it is (a thread whose id falls on the same place may have
     * returned it), and gives it back ({@link #undoCheckOut}) when not.
     *
     * <p>Not the thread's view, because the check-out's compare-and-set waits for the longest chain of loads before
     * it, and a {@link ThreadLocal}'s (the thread's map, its table, entry, value, then the view's slot and the bag's)
     * kept a thread-local check-out a tenth behind HikariCP's {@code ConcurrentBag} with a 4 GB heap, whatever else
     * was shortened. The id is two loads from the thread; whose the entry is, is asked after the compare-and-set.
     *
     * @param hints this bag's {@link #returnedByThread()}, which the caller keeps at hand: loaded through the bag, it
     *     is one load more on that chain, a tenth of a thread-local check-out and check-in with a 4 GB heap
     */
    public PoolEntry takeWarmByThread(PoolEntry[] hints) {
        if (detours != 0) {
            return null;
        }
        PoolEntry entry = ThreadHints.mine(hints);
        return entry != null && entry.tryCheckOut() ? entry : null;
    }

    /**
     * Whether the calling thread may hand out as it is an entry it took by its id ({@link #takeWarmByThread}): the
     * entry's latest handle was made for this thread (so it may be used again, and the view it was made with is this
     * thread's view of this bag), and in thread-local mode the thread holds no other entry; the entry is then
     * recorded as held.
     *
     * @param hold whether the pool is in thread-local mode
     * @return the calling thread's view of the bag, or null when the entry must be given back
     *     ({@link #undoCheckOut}, without a view)
     */
    public int[] keepWarm(PoolEntry entry, boolean hold) {
        int[] view = entry.handleOwnerIfCurrent();
        if (view != null && hold) {
            if (LocalSlots.holdsAny(view)) {
                return null;
            }
            LocalSlots.held(view, entry.slot());
        }
        return view;
    }

    /**
     * Checks out an idle entry that is not {@linkplain PoolEntry#due() due} on the warm path: null at once when any
     * reason sends check-outs elsewhere ({@link #detour}).
     *
     * @param local the calling thread's {@linkplain #recentView recent view}, which may be another bag's
     * @return the entry, {@link PoolEntry#IN_USE}, or null; taken through another bag's view, to be
     *     {@linkplain #undoCheckOut given back}
     */
    public PoolEntry takeWarm(int[] local) {
        return detours == 0 ? takeUnmarked(local, false) : null;
    }

    /**
     * As {@link #takeWarm}, in thread-local mode: the entry taken is recorded as the one this thread
     * {@linkplain #held(int[]) holds}.
     *
     * @param local the calling thread's {@linkplain #recentView recent view}, which may be another bag's
     * @return the entry, {@link PoolEntry#IN_USE} and held, or null; taken through another bag's view, to be
     *     {@linkplain #undoCheckOut given back} (and held nowhere)
     */
    public PoolEntry takeWarmToHold(int[] local) {
        return detours == 0 ? takeUnmarked(local, true) : null;
    }

    /**
     * Whether a check-in may put its entry back as it is, as far as the pool is concerned: it is open, and nothing
     * observes check-ins or watches for leaks.
     */
    public boolean checkInsDirect() {
        return (detours & CHECK_IN_DETOURS) == 0;
    }

    /**
     * Checks out an idle entry that is not {@linkplain PoolEntry#due() due}, without waiting: the one this thread
     * returned last first (warm in its caches), then any.
     *
     * @return the entry, {@link PoolEntry#IN_USE}, or null when none such is idle or the line of waiting threads has
     *     stalled, and may not be overtaken
     */
    public PoolEntry takeIdle(int[] local) {
        return lineStalled() ? null : takeUnmarked(local, false);
    }

    private PoolEntry takeUnmarked(int[] local, boolean hold) {
        int last = LocalSlots.last(local);
        if (!LocalSlots.none(last)) {
            PoolEntry entry = entryAt(last);
            if (entry != null) {
                // The hold is recorded before the compare-and-set, and taken back if it fails, rather than after it:
                // its slot is then known without a load from the entry, and the store does not wait for the
                // compare-and-set. On Java 17 that makes a thread-local check-out and check-in about 15 % faster
                // at one thread and 10 % at 16 (benchmarks/README.md). Only this thread reads its view.
                if (hold) {
                    LocalSlots.held(local, last);
                }
                if (entry.tryCheckOut()) {
                    return entry;  // whether the view is this bag's, the caller asks now (recentView)
                }
                if (hold) {
                    LocalSlots.returned(local, last);
                }
            }
        }
        if (!owns(local)) {
            return null;
        }
        PoolEntry entry = scanUnmarked();
        if (hold && entry != null) {
            LocalSlots.held(local, entry.slot());
        }
        return entry;
    }

    /**
     * Undoes a check-out that the warm path made and may not keep: the entry is idle again, for the longest-waiting
     * thread if any.
     *
     * @param otherView the other bag's view it was taken through ({@link #recentView}), which then names its slot as
     *     returned last again, whatever the check-out recorded in it; null when it was taken by the thread's id
     *     ({@link #takeWarmByThread}), which recorded nothing
     */
    public void undoCheckOut(PoolEntry entry, int[] otherView) {
        if (otherView != null) {
            LocalSlots.returned(otherView, entry.slot());
        }
        release(entry);
    }

    // Out of line: rare on a warm path, where a thread finds the entry it returned last. Kept in its own method, a
    // compile that meets it late (after a trap) adds a call to takeUnmarked rather than the loop, and leaves the
    // check-out small enough to be inlined where it is called.
    private PoolEntry scanUnmarked() {
        for (PoolEntry entry : slots) {
            if (entry != null && entry.tryCheckOut()) {
                return entry;
            }
        }
        return null;
    }

    /**
     * Checks out any idle entry without waiting, {@linkplain PoolEntry#due() due} or not.
     *
     * @return the entry, {@link PoolEntry#IN_USE} and still marked when due, or null when none is idle or the line
     *     of waiting threads has stalled
     */
    public PoolEntry takeIdleEvenDue() {
        return lineStalled() ? null : scanEvenDue();
    }

    /** Checks out the first idle entry, {@linkplain PoolEntry#due() due} or not; null when none is idle. */
    PoolEntry scanEvenDue() {
        for (PoolEntry entry : slots) {
            if (entry != null && entry.tryCheckOutEvenDue()) {
                return entry;
            }
        }
        return null;
    }

    /**
     * Checks out an idle entry connected to {@code server}, without waiting.
     *
     * @return the entry, {@link PoolEntry#IN_USE} and still marked when {@linkplain PoolEntry#due() due}, or null
     *     when none to that server is idle or the line of waiting threads has stalled
     */
    public PoolEntry takeIdleTo(Server server) {
        if (lineStalled()) {
            return null;
        }
        for (PoolEntry entry : slots) {
            if (entry != null && entry.state() == PoolEntry.IDLE && entry.connection().server() == server
                    && entry.tryCheckOutEvenDue()) {
                return entry;
            }
        }
        return null;
    }

    /**
     * Waits, in line with the other waiting threads, up to {@code nanos} ({@link Long#MAX_VALUE}: without limit) for
     * an idle entry, or, with {@code stopForRoom}, for room to open a connection, or for the bag to close. The thread
     * looks for an idle entry before it parks, and again each time it is woken while first in line.
     *
     * @return an entry, {@link PoolEntry#IN_USE} and owned by the caller (still marked when
     *     {@linkplain PoolEntry#due() due}), or null: time is up, there is room to open
     *     a connection, or the bag is closed; the caller decides whether to wait again
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public PoolEntry borrow(long nanos, boolean stopForRoom) throws InterruptedException {
        return line.await(nanos, stopForRoom);
    }

    /**
     * Checks an entry back in that the calling thread claimed (checked out, or reserved as a replacement it opened):
     * makes it idle, remembers it as this thread's most recent, and wakes the longest-waiting thread, if any.
     */
    public void requite(PoolEntry entry, int[] local) {
        LocalSlots.returned(local, entry.slot());
        release(entry);
        ThreadHints.returned(returnedByThread, entry);
    }

    /**
     * Reserves an idle entry for the pool's own work on it (validation, closing), so that nobody checks it out
     * meanwhile.
     *
     * @return whether it was idle and is now reserved by the calling thread
     */
    public boolean reserve(PoolEntry entry) {
        return entry.tryReserve();
    }

    /** Makes an entry that the calling thread reserved (or opened) idle, waking the longest-waiting thread if any. */
    public void unreserve(PoolEntry entry) {
        release(entry);
    }

    /**
     * Reserves the first idle entry that {@code which} accepts.
     *
     * @return the entry, {@link PoolEntry#RESERVED} for the calling thread, or null when none is idle and accepted
     */
    public PoolEntry reserveIdle(Predicate<PoolEntry> which) {
        for (PoolEntry entry : slots) {
            if (entry != null && entry.state() == PoolEntry.IDLE && which.test(entry) && entry.tryReserve()) {
                return entry;
            }
        }
        return null;
    }

    /**
     * Reserves each idle entry that {@code unfit} accepts and passes it to {@code evict}, which must remove it.
     *
     * @return how many entries were evicted
     */
    public int evictIdle(Predicate<PoolEntry> unfit, Consumer<PoolEntry> evict) {
        int evicted = 0;
        for (PoolEntry entry : slots) {
            if (entry != null && entry.state() == PoolEntry.IDLE && unfit.test(entry) && entry.tryReserve()) {
                evict.accept(entry);
                evicted++;
            }
        }
        return evicted;
    }

    /** Makes a claimed entry idle and wakes the longest-waiting thread, if any, to take it. */
    private void release(PoolEntry entry) {
        entry.markIdle(dueOnReturn);
        line.wake();
    }

    /** Room opened up for a new connection: wakes the first waiting thread, which passes it on while room lasts. */
    public void roomOpened() {
        line.wake();
    }

    /** Ends every wait, now and from now on: {@link #borrow} returns null without waiting. */
    public void close() {
        line.close();
    }

    /** How many threads are waiting for an entry now. */
    public int waiting() {
        return line.getQueueLength();
    }

    /** Whether the line of waiting threads has stalled, so that nobody may overtake it. */
    boolean lineStalled() {
        return (detours & LINE_STALLED) != 0;
    }

    /** Passes every entry in the bag now, whatever its state, to {@code action}. */
    void forEach(Consumer<PoolEntry> action) {
        for (PoolEntry entry : slots) {
            if (entry != null) {
                action.accept(entry);
            }
        }
    }

    /** How many entries are in {@code state} now. */
    public int count(int state) {
        int count = 0;
        for (PoolEntry entry : slots) {
            if (entry != null && entry.state() == state) {
                count++;
            }
        }
        return count;
    }

    /** How many entries the bag holds (open connections, whatever their state). */
    public int size() {
        return size;
    }

    /** The entry in {@code slot}, or null. */
    PoolEntry entryAt(int slot) {
        PoolEntry[] current = slots;
        return slot < current.length ? current[slot] : null;
    }
}
