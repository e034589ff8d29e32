package dev.casspool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Holds a pool's entries and is the only one to change their states: check-out, check-in, reservation by the pool
 * itself and removal, and the wait of threads that find no entry free (after HikariCP's {@code ConcurrentBag}:
 * {@code borrow}, {@code requite}, {@code reserve}, {@code unreserve}, {@code remove}).
 *
 * <p>The fast path takes no lock and writes no shared memory: a thread first tries the entry it returned last (kept in
 * its {@link LocalSlots}), then scans all entries; taking one is a compare-and-set on that entry's own state. It takes
 * only entries that are not {@linkplain PoolEntry#due() due}, which the caller may hand out as they are; the others
 * come through {@link #takeIdleEvenDue}, to be looked at first.
 *
 * <p>The pool's warm path ({@link #takeWarm}, {@link #checkInsDirect}) asks the bag, in one word, whether anything
 * sends check-outs elsewhere now ({@link #detour}): each reason is set and cleared by whoever changes it (the pool
 * closing or growing, a listener added, leak detection), rather than read from its own field in its own object on
 * every check-out. A warm check-out and check-in reads a few tens of words and writes a few, so every load it saves
 * counts: asking one word instead of seven fields in four objects made plain mode's a fifth faster from 1 to 8
 * threads in {@code WarmPoolBenchmark}.
 *
 * <p>Threads that find nothing wait in a line ({@link WaitLine}), first come, first served: a returning thread wakes
 * the longest-waiting one, which then takes an idle entry itself. Any thread that looks may take the entry first (a
 * newcomer, or the returning thread checking out again); the woken thread then waits on, keeping its place at the
 * front. {@link java.util.concurrent.locks.ReentrantLock} is unfair by default for the same reason. A first version
 * handed each entry over checked out, so that nobody could take it on the way; then every check-out under contention
 * waited for a parked thread to wake up, and once all threads queued, none ever got past the line again (16 threads on
 * 4 entries: 0.2 check-outs per microsecond instead of 100). Now a returning thread that keeps working takes its entry
 * back at once, and the threads that queue are still served in the order they came.
 *
 * <p>Overtaking alone would starve the line, though: threads that check in and at once out again (thread-local mode
 * under a loop of calls) take their entries back every time, and those in line wait until one of them pauses (1,000
 * virtual threads on 16 connections: p99 of a check-out about 1 s). So when the line has not moved for
 * {@code stallNanos} (1 ms), nobody overtakes it until a thread it serves has waited less than that, or was the last
 * in it, as Go's {@code sync.Mutex} leaves its starvation mode: returning threads then queue too, and each entry goes
 * to the first in line.
 *
 * <p>A returning thread marks its entry idle with a release store ({@link PoolEntry#markIdle()}) and then looks for a
 * waiting thread, while a thread joining the line enqueues itself and then scans the entries. Without a full fence
 * between the returning thread's store and its read, both can miss each other when they meet within nanoseconds: the
 * returning thread sees nobody waiting, the waiter sees no idle entry and parks. Saving that fence on every check-in is
 * worth a rescue on the slow path: while threads wait, a task on the housekeeper wakes the first of them every
 * millisecond if an entry is idle, by which time such a store has long become visible.
 */
public final class ConnectionBag {

    /** How often, while threads wait, the rescue looks for an entry whose check-in they raced with. */
    private static final long RESCUE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long the line may stand still before nobody may overtake it. */
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final PoolEntry[] NO_ENTRIES = new PoolEntry[0];
    /** Detour: the line of waiting threads has stalled, and nobody may overtake it (see the class comment). */
    private static final int LINE_STALLED = 1;
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

    /** What ends a wait in {@link WaitLine}: an idle entry (or the bag closing) only, or room to open one too. */
    private static final int ENTRY_ONLY = 0;
    private static final int STOP_FOR_ROOM = 1;

    /** Entries by slot; a removed entry's slot is null until a new entry takes it. Replaced as a whole on change. */
    private volatile PoolEntry[] slots = NO_ENTRIES;
    private volatile int size;
    private volatile boolean closed;
    /** The reasons for check-outs to leave the warm path now, one bit each ({@link #detour}); 0 when there is none. */
    private volatile int detours;
    /** When a thread in line last got an entry, or the line formed. */
    private volatile long lineMovedAt;
    private final long stallNanos;
    private final ReentrantLock slotsLock = new ReentrantLock();
    private final ThreadLocal<int[]> local = ThreadLocal.withInitial(LocalSlots::create);
    private final WaitLine line = new WaitLine();
    private final AtomicBoolean rescueArmed = new AtomicBoolean();
    private final Housekeeper housekeeper;
    private final BooleanSupplier roomToOpen;
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
        this.housekeeper = housekeeper;
        this.roomToOpen = roomToOpen;
        this.dueOnReturn = dueOnReturn;
        this.stallNanos = stallNanos;
    }

    /** The calling thread's view of this bag. */
    public int[] local() {
        return local.get();
    }

    /** The entry this thread holds in thread-local mode, or null. */
    public PoolEntry held(int[] local) {
        int slot = LocalSlots.held(local);
        if (LocalSlots.none(slot)) {
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
     * Checks out an idle entry that is not {@linkplain PoolEntry#due() due} on the warm path: null at once when any
     * reason sends check-outs elsewhere ({@link #detour}).
     *
     * @return the entry, {@link PoolEntry#IN_USE}, or null
     */
    public PoolEntry takeWarm(int[] local) {
        return detours == 0 ? takeUnmarked(local, false) : null;
    }

    /**
     * As {@link #takeWarm}, in thread-local mode: the entry taken is recorded as the one this thread
     * {@linkplain #held(int[]) holds}.
     *
     * @return the entry, {@link PoolEntry#IN_USE} and held, or null
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
                    return entry;
                }
                if (hold) {
                    LocalSlots.returned(local, last);
                }
            }
        }
        PoolEntry entry = scanUnmarked();
        if (hold && entry != null) {
            LocalSlots.held(local, entry.slot());
        }
        return entry;
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

    private PoolEntry scanEvenDue() {
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
        long start = System.nanoTime();
        if (!line.hasQueuedThreads()) {
            lineMovedAt = start;  // a line forms: its stall is timed from now
        }
        armRescue();
        int mode = stopForRoom ? STOP_FOR_ROOM : ENTRY_ONLY;
        if (nanos == Long.MAX_VALUE) {
            line.acquireInterruptibly(mode);
        } else if (!line.tryAcquireNanos(mode, nanos)) {
            return null;
        }
        // The line wakes its first thread only: pass the wake-up on while there is more for the next one.
        if (line.hasQueuedThreads() && reasonToWake()) {
            line.release(0);
        }
        int[] view = local.get();
        int slot = LocalSlots.taken(view);
        if (LocalSlots.none(slot)) {
            return null;
        }
        LocalSlots.taken(view, LocalSlots.NONE);
        long now = System.nanoTime();
        lineMovedAt = now;
        if (lineStalled() && (now - start < stallNanos || !line.hasQueuedThreads())) {
            detour(LINE_STALLED, false);
        }
        return entryAt(slot);
    }

    /**
     * Checks an entry back in that the calling thread claimed (checked out, or reserved as a replacement it opened):
     * makes it idle, remembers it as this thread's most recent, and wakes the longest-waiting thread, if any.
     */
    public void requite(PoolEntry entry, int[] local) {
        LocalSlots.returned(local, entry.slot());
        release(entry);
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
        if (line.hasQueuedThreads()) {
            line.release(0);
        }
    }

    /** Room opened up for a new connection: wakes the first waiting thread, which passes it on while room lasts. */
    public void roomOpened() {
        if (line.hasQueuedThreads()) {
            line.release(0);
        }
    }

    /** Ends every wait, now and from now on: {@link #borrow} returns null without waiting. */
    public void close() {
        closed = true;
        line.release(0);
    }

    /** How many threads are waiting for an entry now. */
    public int waiting() {
        return line.getQueueLength();
    }

    /** Whether the first waiting thread has reason to look again: an idle entry, room to open one, or the bag closed. */
    private boolean reasonToWake() {
        return closed || count(PoolEntry.IDLE) > 0 || roomToOpen.getAsBoolean();
    }

    private void armRescue() {
        if (!rescueArmed.get() && rescueArmed.compareAndSet(false, true)) {
            try {
                housekeeper.schedule(this::rescue, RESCUE_PERIOD_NANOS);
            } catch (RejectedExecutionException shutDown) {
                // The pool is closed: its close() ends every wait.
                rescueArmed.set(false);
            }
        }
    }

    /**
     * While any thread waits: marks the line stalled when it has stood still for {@code stallNanos}, and wakes the
     * first waiting thread if it has reason to look again (see the class comment).
     */
    private void rescue() {
        rescueArmed.set(false);
        if (line.hasQueuedThreads()) {
            if (System.nanoTime() - lineMovedAt >= stallNanos) {
                detour(LINE_STALLED, true);
            }
            if (reasonToWake()) {
                line.release(0);
            }
            armRescue();
        } else {
            detour(LINE_STALLED, false);
        }
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

    private PoolEntry entryAt(int slot) {
        PoolEntry[] current = slots;
        return slot < current.length ? current[slot] : null;
    }

    /**
     * The line of threads waiting for an entry: an {@link AbstractQueuedSynchronizer} in exclusive mode, for its queue
     * of parked threads alone (its state is not used). Its first thread, whenever it runs, tries to take an idle
     * entry; it stays first until it succeeds or gives up, so a thread that another took an entry from keeps its
     * place.
     */
    private final class WaitLine extends AbstractQueuedSynchronizer {

        /**
         * Takes an idle entry for the calling thread (noted in its view of the bag), or says whether it may stop
         * anyway.
         *
         * @param mode {@link #ENTRY_ONLY} or {@link #STOP_FOR_ROOM}
         */
        @Override
        protected boolean tryAcquire(int mode) {
            int[] view = local.get();
            // A thread not yet in line may not overtake a stalled one; the first in line may always take an entry.
            PoolEntry entry = lineStalled() && hasQueuedPredecessors() ? null : scanEvenDue();
            if (entry != null) {
                LocalSlots.taken(view, entry.slot());
                return true;
            }
            return closed || mode == STOP_FOR_ROOM && roomToOpen.getAsBoolean();
        }

        /** Whatever wakes the line wakes its first thread, to look again. */
        @Override
        protected boolean tryRelease(int unused) {
            return true;
        }
    }
}
