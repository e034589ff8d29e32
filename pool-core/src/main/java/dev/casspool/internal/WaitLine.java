package dev.casspool.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.function.BooleanSupplier;

/**
 * Lets threads that find no idle entry in a {@link ConnectionBag} wait for one, first come, first served.
 *
 * <p>A returning thread wakes the longest-waiting one, which then takes an idle entry itself. Any thread that looks
 * may take the entry first (a newcomer, or the returning thread checking out again); the woken thread then waits on,
 * keeping its place at the front. {@link java.util.concurrent.locks.ReentrantLock} is unfair by default for the same
 * reason. A first version handed each entry over checked out, so that nobody could take it on the way; then every
 * check-out under contention waited for a parked thread to wake up, and once all threads queued, none ever got past
 * the line again (16 threads on 4 entries: 0.2 check-outs per microsecond instead of 100). Now a returning thread that
 * keeps working takes its entry back at once, and the threads that queue are still served in the order they came.
 *
 * <p>Overtaking alone would starve the line, though: threads that check in and at once out again (thread-local mode
 * under a loop of calls) take their entries back every time, and those in line wait until one of them pauses (1,000
 * virtual threads on 16 connections: p99 of a check-out about 1 s). So when the line has not moved for
 * {@code stallNanos} (1 ms), nobody overtakes it until a thread it serves has waited less than that, or was the last
 * in it, as Go's {@code sync.Mutex} leaves its starvation mode: returning threads then queue too, and each entry goes
 * to the first in line. The bag keeps that state as its {@link ConnectionBag#LINE_STALLED} detour, which its warm
 * path reads with the others.
 *
 * <p>A returning thread marks its entry idle with a release store ({@link PoolEntry#markIdle()}) and then looks for a
 * waiting thread, while a thread joining the line enqueues itself and then scans the entries. Without a full fence
 * between the returning thread's store and its read, both can miss each other when they meet within nanoseconds: the
 * returning thread sees nobody waiting, the waiter sees no idle entry and parks. Saving that fence on every check-in is
 * worth a rescue on the slow path: while threads wait, a task on the housekeeper wakes the first of them every
 * millisecond if an entry is idle, by which time such a store has long become visible.
 *
 * <p>The line is an {@link AbstractQueuedSynchronizer} in exclusive mode, for its queue of parked threads alone (its
 * state is not used). Its first thread, whenever it runs, tries to take an idle entry; it stays first until it
 * succeeds or gives up, so a thread that another took an entry from keeps its place.
 */
final class WaitLine extends AbstractQueuedSynchronizer {

    /** How often, while threads wait, the rescue looks for an entry whose check-in they raced with. */
    private static final long RESCUE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** What ends a wait: an idle entry (or the line closing) only, or room to open one too. */
    private static final int ENTRY_ONLY = 0;
    private static final int STOP_FOR_ROOM = 1;

    private final ConnectionBag bag;
    private final Housekeeper housekeeper;
    private final BooleanSupplier roomToOpen;
    private final long stallNanos;
    private final AtomicBoolean rescueArmed = new AtomicBoolean();
    /**
     * Threads in {@link #await}, counted from before they arm the rescue: the queue shows a thread only once it has
     * joined, and a rescue that ran in between (a thread descheduled for a millisecond on a busy machine) and saw an
     * empty queue did not arm itself again, which left that thread without rescue and its line never stalling.
     */
    private final AtomicInteger waiting = new AtomicInteger();
    /** When a thread in line last got an entry, or the line formed. */
    private volatile long movedAt;
    private volatile boolean closed;

    /**
     * Creates the line of {@code bag}, which it only uses once threads wait.
     *
     * @param housekeeper runs the rescue of racing waiters
     * @param roomToOpen whether the pool may open another connection, which ends the waits that stop for room
     * @param stallNanos how long the line may stand still before nobody may overtake it
     */
    WaitLine(ConnectionBag bag, Housekeeper housekeeper, BooleanSupplier roomToOpen, long stallNanos) {
        this.bag = bag;
        this.housekeeper = housekeeper;
        this.roomToOpen = roomToOpen;
        this.stallNanos = stallNanos;
    }

    /** See {@link ConnectionBag#borrow}. */
    PoolEntry await(long nanos, boolean stopForRoom) throws InterruptedException {
        long start = System.nanoTime();
        if (waiting.getAndIncrement() == 0) {
            movedAt = start;  // a line forms: its stall is timed from now
        }
        try {
            armRescue();
            int mode = stopForRoom ? STOP_FOR_ROOM : ENTRY_ONLY;
            if (nanos == Long.MAX_VALUE) {
                acquireInterruptibly(mode);
            } else if (!tryAcquireNanos(mode, nanos)) {
                return null;
            }
        } finally {
            waiting.decrementAndGet();
        }
        // The line wakes its first thread only: pass the wake-up on while there is more for the next one.
        if (hasQueuedThreads() && reasonToWake()) {
            release(0);
        }
        int[] view = bag.local();
        int slot = LocalSlots.taken(view);
        if (LocalSlots.none(slot)) {
            return null;
        }
        LocalSlots.taken(view, LocalSlots.NONE);
        long now = System.nanoTime();
        movedAt = now;
        if (bag.lineStalled() && (now - start < stallNanos || !hasQueuedThreads())) {
            bag.detour(ConnectionBag.LINE_STALLED, false);
        }
        return bag.entryAt(slot);
    }

    /** Wakes the longest-waiting thread, if any, to look again. */
    void wake() {
        if (hasQueuedThreads()) {
            release(0);
        }
    }

    /** Ends every wait, now and from now on. */
    void close() {
        closed = true;
        release(0);
    }

    /**
     * Takes an idle entry for the calling thread (noted in its view of the bag), or says whether it may stop anyway.
     *
     * @param mode {@link #ENTRY_ONLY} or {@link #STOP_FOR_ROOM}
     */
    @Override
    protected boolean tryAcquire(int mode) {
        int[] view = bag.local();
        // A thread not yet in line may not overtake a stalled one; the first in line may always take an entry.
        PoolEntry entry = bag.lineStalled() && hasQueuedPredecessors() ? null : bag.scanEvenDue();
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

    /** Whether the first waiting thread has reason to look again: an idle entry, room to open one, or the line closed. */
    private boolean reasonToWake() {
        return closed || bag.count(PoolEntry.IDLE) > 0 || roomToOpen.getAsBoolean();
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
     * first waiting thread if it has reason to look again.
     */
    private void rescue() {
        rescueArmed.set(false);
        if (waiting.get() > 0) {
            if (System.nanoTime() - movedAt >= stallNanos) {
                bag.detour(ConnectionBag.LINE_STALLED, true);
            }
            if (reasonToWake()) {
                release(0);
            }
            armRescue();
        } else {
            bag.detour(ConnectionBag.LINE_STALLED, false);
        }
    }
}
