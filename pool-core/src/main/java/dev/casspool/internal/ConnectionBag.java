package dev.casspool.internal;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The pool's entries and the hand-over of free ones, after HikariCP's {@code ConcurrentBag}.
 *
 * <p>The fast path takes no lock and writes no shared memory: a thread first tries the entries it used last (kept in
 * its {@link LocalEntries}), then scans all entries; taking one is a compare-and-set on that entry's own state.
 * Threads that find nothing wait in a {@link LinkedTransferQueue}, which is first come, first served, so that entries
 * coming back go to waiters in the order they arrived. An entry goes to a waiter already {@link PoolEntry#IN_USE}: the
 * thread handing it over claims it first (only once it sees a waiter to take it), so the waiter that receives it owns
 * it, and no other thread (a newcomer scanning the entries, or the rescue below) can take it on the way and send the
 * waiter to the back of the line.
 *
 * <p>A releasing thread marks its entry idle with a release store ({@link PoolEntry#markIdle()}) and then reads the
 * waiter count, while a thread starting to wait counts itself and then scans the entries. Without a full fence
 * between the releaser's store and its read, both can miss each other when they meet within nanoseconds: the releaser
 * sees no waiter and keeps the entry, the waiter sees no idle entry and waits. Saving that fence on every check-in is
 * worth a rescue on the slow path: a thread that starts waiting while no other waits arms a one-shot task on the
 * housekeeper, which a moment later, when such a store has long become visible, hands entries that are idle to the
 * threads still waiting. Threads that join a line of waiters need not (a releaser that sees any waiter hands its entry
 * over), and do not scan either. Waiters stay in the queue meanwhile, so they keep their place in line.
 */
public final class ConnectionBag {

    /** A signal for waiters that is not an entry: room for a new connection opened up, or the pool closed. */
    private static final Object WAKE_UP = new Object();
    /** How long after a thread starts waiting the rescue looks for an entry whose release it raced with. */
    private static final long RESCUE_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final CopyOnWriteArrayList<PoolEntry> entries = new CopyOnWriteArrayList<>();
    private final ThreadLocal<LocalEntries> local = ThreadLocal.withInitial(LocalEntries::new);
    /** Only ever given to a thread already waiting ({@code tryTransfer}), never stored: a FIFO of waiting threads. */
    private final LinkedTransferQueue<Object> handoff = new LinkedTransferQueue<>();
    private final AtomicInteger waiters = new AtomicInteger();
    private final AtomicBoolean rescueArmed = new AtomicBoolean();
    private final Housekeeper housekeeper;

    /** Creates an empty bag whose rescue of racing waiters runs on {@code housekeeper}. */
    public ConnectionBag(Housekeeper housekeeper) {
        this.housekeeper = housekeeper;
    }

    /** This thread's recently used entries (and, in thread-local mode, its checked-out entry). */
    public LocalEntries local() {
        return local.get();
    }

    /** Adds an entry (in any state) to the bag. */
    public void add(PoolEntry entry) {
        entries.add(entry);
    }

    /** Removes an entry from the bag; a stale reference in some thread's recent list is harmless. */
    public void remove(PoolEntry entry) {
        entries.remove(entry);
    }

    /**
     * Takes an idle entry without waiting, marking it {@link PoolEntry#IN_USE}: this thread's recent ones first
     * (warm in its caches), then any.
     *
     * @return the entry, or null when none is idle
     */
    public PoolEntry takeIdle(LocalEntries mine) {
        for (PoolEntry entry = mine.pop(); entry != null; entry = mine.pop()) {
            if (entry.tryTake()) {
                return entry;
            }
        }
        for (PoolEntry entry : entries) {
            if (entry.tryTake()) {
                return entry;
            }
        }
        return null;
    }

    /**
     * Makes an entry idle and, when threads are waiting, hands it to the longest-waiting one; otherwise remembers it
     * as this thread's most recent.
     */
    public void release(PoolEntry entry, LocalEntries mine) {
        entry.markIdle();
        for (int spins = 0; waiters.get() > 0; spins++) {
            if (entry.state() != PoolEntry.IDLE) {
                return;  // a thread scanning the entries took it
            }
            // Claimed only when a waiter is there to take it: a claimed entry is hidden from scanning threads.
            if (handoff.hasWaitingConsumer() && handOver(entry)) {
                return;
            }
            backOff(spins);
        }
        mine.push(entry);
    }

    /**
     * Waits up to {@code nanos} for an entry to be handed over or for a {@link #wakeWaiters} signal.
     *
     * @return an entry, {@link PoolEntry#IN_USE} and owned by the caller, or null (time is up, or a signal came); the
     *     caller decides whether to wait again
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public PoolEntry await(long nanos) throws InterruptedException {
        Object handed = handoff.poll(nanos, TimeUnit.NANOSECONDS);
        return handed instanceof PoolEntry entry ? entry : null;
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

    /** Hands entries that are idle while threads wait to the longest-waiting ones (see the class comment). */
    private void rescue() {
        rescueArmed.set(false);
        for (PoolEntry entry : entries) {
            if (waiters.get() == 0) {
                return;
            }
            if (entry.state() == PoolEntry.IDLE && !handOver(entry)) {
                // No waiter is polling at this instant (one is between two polls): try again a moment later.
                armRescue();
            }
        }
    }

    /**
     * Claims an idle entry and gives it to the longest-waiting thread, so that the entry travels {@link
     * PoolEntry#IN_USE} and only that thread can have it.
     *
     * @return whether a waiting thread took it; when not, the entry is idle again (or was not idle to begin with)
     */
    private boolean handOver(PoolEntry entry) {
        if (!entry.tryTake()) {
            return false;
        }
        if (handoff.tryTransfer(entry)) {
            return true;
        }
        entry.markIdle();
        return false;
    }

    /**
     * Counts the calling thread as waiting; pair with {@link #stopWaiting()}.
     *
     * @return whether no other thread was waiting: only then can a releasing thread have missed this one (see the
     *     class comment), so only then must the caller look for an idle entry once more
     */
    public boolean startWaiting() {
        if (waiters.getAndIncrement() != 0) {
            return false;
        }
        // Only a thread that starts waiting while nobody waits can have been missed by a releaser; an entry that one
        // such releaser kept stays idle for the rescue to find, however many threads queue up behind.
        armRescue();
        return true;
    }

    /** Counts the calling thread as no longer waiting. */
    public void stopWaiting() {
        waiters.decrementAndGet();
    }

    /** How many threads are waiting for an entry now. */
    public int waiting() {
        return waiters.get();
    }

    /**
     * Wakes waiting threads so that they look again (room for a new connection, or the pool closed): one at a time,
     * for as long as {@code stillNeeded} says so and someone is waiting.
     */
    public void wakeWaiters(java.util.function.BooleanSupplier stillNeeded) {
        for (int spins = 0; waiters.get() > 0 && stillNeeded.getAsBoolean(); spins++) {
            if (!handoff.tryTransfer(WAKE_UP)) {
                backOff(spins);
            }
        }
    }

    /** How many entries are in {@code state} now. */
    public int count(int state) {
        int count = 0;
        for (PoolEntry entry : entries) {
            if (entry.state() == state) {
                count++;
            }
        }
        return count;
    }

    /** How many entries the bag holds (open connections, checked out or not). */
    public int size() {
        return entries.size();
    }

    /** A snapshot of all entries. */
    public Iterable<PoolEntry> entries() {
        return entries;
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
