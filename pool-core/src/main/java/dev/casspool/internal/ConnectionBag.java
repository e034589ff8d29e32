package dev.casspool.internal;

import java.util.Arrays;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Holds a pool's entries and is the only one to change their states: check-out, check-in, reservation by the pool
 * itself and removal, and the wait of threads that find no entry free (after HikariCP's {@code ConcurrentBag}:
 * {@code borrow}, {@code requite}, {@code reserve}, {@code unreserve}, {@code remove}).
 *
 * <p>The fast path takes no lock and writes no shared memory: a thread first tries the entries it returned last (kept
 * in its {@link LocalSlots}), then scans all entries; taking one is a compare-and-set on that entry's own state.
 * Threads that find nothing wait in a {@link LinkedTransferQueue}, which is first come, first served, so that entries
 * coming back go to waiters in the order they arrived. An entry goes to a waiter already checked out: the thread
 * handing it over checks it out first (only once it sees a waiter to take it), so the waiter that receives it owns it,
 * and no other thread (a newcomer scanning the entries, or the rescue below) can take it on the way and send the
 * waiter to the back of the line.
 *
 * <p>A returning thread marks its entry idle with a release store ({@link PoolEntry#markIdle()}) and then reads the
 * waiter count, while a thread starting to wait counts itself and then scans the entries. Without a full fence
 * between the returning thread's store and its read, both can miss each other when they meet within nanoseconds: the
 * returning thread sees no waiter and keeps the entry, the waiter sees no idle entry and waits. Saving that fence on
 * every check-in is worth a rescue on the slow path: a thread that starts waiting while no other waits arms a task on
 * the housekeeper, which a moment later, when such a store has long become visible, hands entries that are idle to the
 * threads waiting, and looks again every millisecond for as long as anyone waits. Threads that join a line of waiters
 * do not scan (a returning thread that sees any waiter hands its entry over). Waiters stay in the queue meanwhile, so
 * they keep their place.
 */
public final class ConnectionBag {

    /** A signal for waiters that is not an entry: room for a new connection opened up, or the pool closed. */
    private static final Object WAKE_UP = new Object();
    /** How long after a thread starts waiting the rescue looks for an entry whose check-in it raced with. */
    private static final long RESCUE_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final PoolEntry[] NO_ENTRIES = new PoolEntry[0];

    /** Entries by slot; a removed entry's slot is null until a new entry takes it. Replaced as a whole on change. */
    private volatile PoolEntry[] slots = NO_ENTRIES;
    private volatile int size;
    private final ReentrantLock slotsLock = new ReentrantLock();
    private final ThreadLocal<int[]> local = ThreadLocal.withInitial(LocalSlots::create);
    /** Only ever given to a thread already waiting ({@code tryTransfer}), never stored: a FIFO of waiting threads. */
    private final LinkedTransferQueue<Object> handoff = new LinkedTransferQueue<>();
    private final AtomicInteger waiters = new AtomicInteger();
    private final AtomicBoolean rescueArmed = new AtomicBoolean();
    private final Housekeeper housekeeper;

    /** Creates an empty bag whose rescue of racing waiters runs on {@code housekeeper}. */
    public ConnectionBag(Housekeeper housekeeper) {
        this.housekeeper = housekeeper;
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
     * Checks out an idle entry without waiting: this thread's recently returned ones first (warm in its caches), then
     * any.
     *
     * @return the entry, {@link PoolEntry#IN_USE}, or null when none is idle
     */
    public PoolEntry takeIdle(int[] local) {
        for (int slot = LocalSlots.pop(local); !LocalSlots.none(slot); slot = LocalSlots.pop(local)) {
            PoolEntry entry = entryAt(slot);
            if (entry != null && entry.tryCheckOut()) {
                return entry;
            }
        }
        for (PoolEntry entry : slots) {
            if (entry != null && entry.tryCheckOut()) {
                return entry;
            }
        }
        return null;
    }

    /**
     * Checks out an idle entry connected to {@code server}, without waiting.
     *
     * @return the entry, {@link PoolEntry#IN_USE}, or null when none to that server is idle
     */
    public PoolEntry takeIdleTo(Server server) {
        for (PoolEntry entry : slots) {
            if (entry != null && entry.state() == PoolEntry.IDLE && entry.connection().server() == server
                    && entry.tryCheckOut()) {
                return entry;
            }
        }
        return null;
    }

    /**
     * Waits, in line with the other waiting threads, up to {@code nanos} for an entry to be handed over, unless
     * {@code roomToOpen} says that the caller may open a connection instead. The first thread of a line looks for an
     * idle entry once more when it starts waiting (see the class comment).
     *
     * @return an entry, {@link PoolEntry#IN_USE} and owned by the caller, or null: time is up, there is room to open
     *     a connection, or a {@link #wakeWaiters} signal came; the caller decides whether to wait again
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public PoolEntry borrow(int[] local, long nanos, BooleanSupplier roomToOpen) throws InterruptedException {
        boolean first = waiters.getAndIncrement() == 0;
        try {
            if (first) {
                armRescue();
                PoolEntry entry = takeIdle(local);
                if (entry != null) {
                    return entry;
                }
            }
            if (roomToOpen.getAsBoolean() || nanos <= 0) {
                return null;
            }
            Object handed = handoff.poll(nanos, TimeUnit.NANOSECONDS);
            return handed instanceof PoolEntry entry ? entry : null;
        } finally {
            waiters.decrementAndGet();
        }
    }

    /**
     * Checks an entry back in that the calling thread claimed (checked out, or reserved as a replacement it opened):
     * makes it idle and, when threads are waiting, hands it to the longest-waiting one; otherwise remembers it as this
     * thread's most recent.
     */
    public void requite(PoolEntry entry, int[] local) {
        if (!release(entry)) {
            LocalSlots.push(local, entry.slot());
        }
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

    /** Makes an entry that the calling thread reserved (or opened) idle, handing it over to a waiting thread if any. */
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

    /** Makes a claimed entry idle; true when a waiting thread took it. */
    private boolean release(PoolEntry entry) {
        entry.markIdle();
        for (int spins = 0; waiters.get() > 0; spins++) {
            if (entry.state() != PoolEntry.IDLE) {
                return true;  // a thread scanning the entries took it
            }
            // Checked out only when a waiter is there to take it: a checked-out entry is hidden from scanning threads.
            if (handoff.hasWaitingConsumer() && handOver(entry)) {
                return true;
            }
            backOff(spins);
        }
        return false;
    }

    private void armRescue() {
        if (!rescueArmed.get() && rescueArmed.compareAndSet(false, true)) {
            try {
                housekeeper.schedule(this::rescue, RESCUE_DELAY_NANOS);
            } catch (RejectedExecutionException closed) {
                // The pool is closed: its close() wakes every waiter.
                rescueArmed.set(false);
            }
        }
    }

    /**
     * Hands entries that are idle while threads wait to the longest-waiting ones (see the class comment), and looks
     * again a moment later for as long as anyone waits.
     */
    private void rescue() {
        rescueArmed.set(false);
        for (PoolEntry entry : slots) {
            if (waiters.get() == 0) {
                return;
            }
            if (entry != null && entry.state() == PoolEntry.IDLE) {
                handOver(entry);
            }
        }
        if (waiters.get() > 0) {
            armRescue();
        }
    }

    /**
     * Checks out an idle entry and gives it to the longest-waiting thread, so that the entry travels checked out and
     * only that thread can have it.
     *
     * @return whether a waiting thread took it; when not, the entry is idle again (or was not idle to begin with)
     */
    private boolean handOver(PoolEntry entry) {
        if (!entry.tryCheckOut()) {
            return false;
        }
        if (handoff.tryTransfer(entry)) {
            return true;
        }
        entry.markIdle();
        return false;
    }

    /** How many threads are waiting for an entry now. */
    public int waiting() {
        return waiters.get();
    }

    /**
     * Wakes waiting threads so that they look again (room for a new connection, or the pool closed): one at a time,
     * for as long as {@code stillNeeded} says so and someone is waiting.
     */
    public void wakeWaiters(BooleanSupplier stillNeeded) {
        for (int spins = 0; waiters.get() > 0 && stillNeeded.getAsBoolean(); spins++) {
            if (!handoff.tryTransfer(WAKE_UP)) {
                backOff(spins);
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
     * A waiter counted itself but is not polling yet: give it the processor rather than burn it. A virtual thread
     * parks instead of yielding: its yield may leave it on its carrier, spinning there while the waiter it waits for
     * needs that carrier to run (as HikariCP found, issue 2398).
     */
    private static void backOff(int spins) {
        if ((spins & 0xff) == 0xff || VirtualThreads.current()) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(10));
        } else {
            Thread.yield();
        }
    }
}
