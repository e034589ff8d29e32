package dev.casspool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bag's states and hand-over, on entries without connections: what is claimed here needs no Cassandra. */
class ConnectionBagTest {

    private static final String WAITER = "bag-waiter";

    private final Housekeeper housekeeper = new Housekeeper("bag-test");
    private final ConnectionBag bag = new ConnectionBag(housekeeper, () -> false, false);
    private final PoolEntry entry = inUse();

    @AfterEach
    void stopHousekeeper() {
        housekeeper.shutdown(TimeUnit.SECONDS.toNanos(1));
    }

    /** A new entry in the bag, checked out by the test thread. */
    private PoolEntry inUse() {
        return inUse(bag);
    }

    private static PoolEntry inUse(ConnectionBag bag) {
        PoolEntry created = new PoolEntry(null, 1, 0L, 0L);
        bag.add(created);
        created.checkOutReserved();
        return created;
    }

    /**
     * A returning thread that marked its entry idle may have read the waiter count before a new waiter's increment
     * reached it, and kept the entry instead of handing it over. The waiter, already past its own look at the entries,
     * must still get it, long before its timeout.
     */
    @Test
    void aWaiterGetsAnEntryWhoseReturningThreadDidNotSeeItWaiting() throws Exception {
        Waiter waiter = waitInBag();
        waiter.awaitParked();

        entry.markIdle(false);  // the returning thread's half of the race: idle, but not handed over

        assertThat(waiter.taken().get(30, TimeUnit.SECONDS)).isSameAs(entry);
        assertThat(entry.state()).isEqualTo(PoolEntry.IN_USE);
    }

    /**
     * The same race for a waiter that was held up between arming the rescue and joining the line, for longer than the
     * rescue's period (a thread descheduled on a busy machine): the rescue that found the line still empty must not
     * leave it without one. Here the waiter's look for room before it joins waits until that rescue has run.
     */
    @Test
    void aWaiterHeldUpBeforeJoiningTheLineIsStillRescued() throws Exception {
        CountDownLatch rescueRan = new CountDownLatch(1);
        AtomicBoolean heldUp = new AtomicBoolean();
        AtomicBoolean joining = new AtomicBoolean();
        ConnectionBag bag = new ConnectionBag(housekeeper, () -> {
            if (Thread.currentThread().getName().equals(WAITER) && heldUp.compareAndSet(false, true)) {
                // The rescue was due 1 ms after the waiter armed it; the housekeeper runs its tasks in order.
                housekeeper.schedule(rescueRan::countDown, TimeUnit.MILLISECONDS.toNanos(50));
                awaitQuietly(rescueRan);
                joining.set(true);
            }
            return false;
        }, false);
        PoolEntry entry = inUse(bag);
        Waiter waiter = waitIn(bag, true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!joining.get()) {
            assertThat(System.nanoTime() - deadline).as("the waiter is held up until the rescue ran").isNegative();
            Thread.onSpinWait();
        }
        waiter.awaitParked();

        entry.markIdle(false);

        assertThat(waiter.taken().get(30, TimeUnit.SECONDS)).isSameAs(entry);
    }

    @Test
    void anEntryCheckedInWhileAThreadWaitsIsHandedToIt() throws Exception {
        Waiter waiter = waitInBag();
        waiter.awaitParked();

        bag.requite(entry, Views.ofNewThread(bag));

        assertThat(waiter.taken().get(30, TimeUnit.SECONDS)).isSameAs(entry);
        waiter.thread().join();
        assertThat(bag.waiting()).isZero();
    }

    /**
     * Only the first waiter is woken for an entry: an entry left idle unseen while others wait must still reach the
     * next one, through the rescue or the wake-up that the first passes on when it leaves the line.
     */
    @Test
    void everyWaiterInALineGetsAnEntryAlsoOneLeftIdleUnseen() throws Exception {
        PoolEntry second = inUse();
        Waiter first = waitInBag();
        first.awaitParked();
        Waiter next = waitInBag();
        next.awaitParked();

        bag.requite(second, Views.ofNewThread(bag));
        entry.markIdle(false);

        assertThat(List.of(first.taken().get(30, TimeUnit.SECONDS), next.taken().get(30, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder(entry, second);
    }

    /**
     * The line is first come, first served, also when others take the entries that come back first: a thread woken
     * for an entry that a newcomer took keeps its place, and the next entry goes to it, not to a thread that queued
     * after it. The newcomer's window is the woken thread's wake-up, so it is opened many times.
     */
    @Test
    void aWaiterThatANewcomerTookAnEntryFromKeepsItsPlaceInLine() throws Exception {
        // A line that never counts as stalled, so that the newcomer may always overtake it.
        ConnectionBag bag = new ConnectionBag(housekeeper, () -> false, false, Long.MAX_VALUE);
        PoolEntry entry = inUse(bag);
        PoolEntry other = inUse(bag);
        int[] newcomer = Views.ofNewThread(bag);
        int[] returning = Views.ofNewThread(bag);
        int tookFirst = 0;
        for (int round = 0; round < 200; round++) {
            Waiter first = waitIn(bag);
            first.awaitParked();
            Waiter later = waitIn(bag);
            later.awaitParked();

            bag.requite(entry, returning);
            if (bag.takeIdle(newcomer) != null) {
                tookFirst++;
                bag.requite(entry, newcomer);
            }

            assertThat(first.taken().get(30, TimeUnit.SECONDS)).as("the first, round %d", round).isSameAs(entry);
            assertThat(later.taken()).as("the later one, round %d", round).isNotDone();
            bag.requite(other, returning);
            assertThat(later.taken().get(30, TimeUnit.SECONDS)).as("the later one, round %d", round).isSameAs(other);
        }
        assertThat(tookFirst).as("rounds in which the newcomer took the entry first").isPositive();
    }

    /**
     * Threads that check in and at once out again would keep a line waiting for as long as they run: once it has
     * stood still for a while, neither the returning thread nor a newcomer may take an entry before the first in line,
     * and overtaking is allowed again once the line has emptied.
     */
    @Test
    void aLineThatStoodStillIsNotOvertaken() throws Exception {
        PoolEntry other = inUse();
        int[] returning = Views.ofNewThread(bag);
        Waiter first = waitInBag();
        first.awaitParked();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!bag.lineStalled()) {
            assertThat(System.nanoTime() - deadline).as("the line counts as stalled").isNegative();
            Thread.onSpinWait();
        }

        bag.requite(entry, returning);
        assertThat(bag.takeIdle(returning)).as("the returning thread's own entry, taken back").isNull();
        assertThat(bag.takeWarm(returning)).as("the same, on the warm path").isNull();
        Waiter newcomer = waitInBag();

        assertThat(first.taken().get(30, TimeUnit.SECONDS)).isSameAs(entry);
        bag.requite(other, returning);
        assertThat(newcomer.taken().get(30, TimeUnit.SECONDS)).isSameAs(other);
        newcomer.thread().join();
        assertThat(bag.lineStalled()).as("once the line has emptied").isFalse();
        bag.requite(entry, returning);
        assertThat(bag.takeIdle(returning)).isSameAs(entry);
    }

    @Test
    void aReservedEntryIsNotCheckedOutAndUnreservingHandsItToAWaiter() throws Exception {
        bag.requite(entry, Views.ofNewThread(bag));
        assertThat(bag.reserve(entry)).isTrue();
        assertThat(bag.reserve(entry)).as("reserved twice").isFalse();
        assertThat(bag.takeIdle(Views.ofNewThread(bag))).isNull();

        Waiter waiter = waitInBag();
        waiter.awaitParked();
        bag.unreserve(entry);

        assertThat(waiter.taken().get(30, TimeUnit.SECONDS)).isSameAs(entry);
    }

    @Test
    void onlyTheThreadThatClaimedAnEntryMayRemoveIt() {
        bag.requite(entry, Views.ofNewThread(bag));

        assertThatThrownBy(() -> bag.remove(entry)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not claimed");
        assertThat(bag.size()).isEqualTo(1);

        assertThat(bag.reserve(entry)).isTrue();
        bag.remove(entry);
        assertThat(entry.state()).isEqualTo(PoolEntry.REMOVED);
        assertThat(bag.size()).isZero();
        assertThatThrownBy(() -> bag.remove(entry)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void evictIdlePassesOnEveryIdleEntryItAcceptsReservedAndNoOther() {
        PoolEntry checkedOut = inUse();
        PoolEntry rejected = inUse();
        bag.requite(entry, Views.ofNewThread(bag));
        bag.requite(rejected, Views.ofNewThread(bag));
        List<PoolEntry> evicted = new ArrayList<>();

        int count = bag.evictIdle(candidate -> candidate != rejected, reserved -> {
            assertThat(reserved.state()).isEqualTo(PoolEntry.RESERVED);
            evicted.add(reserved);
            bag.remove(reserved);
        });

        assertThat(count).isEqualTo(1);
        assertThat(evicted).containsExactly(entry);
        assertThat(checkedOut.state()).isEqualTo(PoolEntry.IN_USE);
        assertThat(rejected.state()).isEqualTo(PoolEntry.IDLE);
        assertThat(bag.size()).isEqualTo(2);
    }

    @Test
    void aThreadGetsBackTheEntryItReturnedLastAndOtherwiseTheFirstIdleOne() {
        PoolEntry second = inUse();
        int[] local = Views.ofNewThread(bag);
        bag.requite(entry, Views.ofNewThread(bag));  // idle, returned by another thread
        bag.requite(second, local);

        assertThat(bag.takeIdle(local)).isSameAs(second);
        assertThat(bag.takeIdle(local)).isSameAs(entry);  // the hint's entry is in use: the scan finds the first
        assertThat(bag.takeIdle(local)).isNull();
    }

    /**
     * In thread-local mode the held slot and the returned one share a word: holding an entry hides the last one
     * returned, and returning the held one ends the hold and makes it the one to take back first.
     */
    @Test
    void returningTheHeldEntryEndsTheHoldAndMakesItTheOneTakenBackFirst() {
        PoolEntry second = inUse();
        int[] local = Views.ofNewThread(bag);
        entry.handle(null, local);
        bag.requite(second, Views.ofNewThread(bag));
        bag.held(local, entry);

        assertThat(bag.held(local)).isSameAs(entry);
        assertThat(LocalSlots.last(local)).isEqualTo(LocalSlots.NONE);

        bag.requite(entry, local);

        assertThat(bag.held(local)).isNull();
        assertThat(bag.takeIdle(local)).isSameAs(entry);
    }

    /**
     * A warm check-out in thread-local mode records the hold before its compare-and-set on the entry returned last,
     * and takes it back when another thread has that entry: the thread then holds what the scan found, or nothing,
     * and still remembers the entry it returned last.
     */
    @Test
    void aWarmCheckOutToHoldRecordsTheEntryItTookAndNothingWhenItTookNone() {
        PoolEntry second = inUse();
        int[] local = Views.ofNewThread(bag);
        entry.handle(null, local);
        second.handle(null, local);
        bag.requite(entry, local);

        assertThat(bag.takeWarmToHold(local)).isSameAs(entry);
        assertThat(bag.held(local)).as("the entry returned last, held").isSameAs(entry);

        bag.requite(entry, local);
        bag.requite(second, Views.ofNewThread(bag));
        assertThat(entry.tryCheckOut()).as("taken by another thread").isTrue();
        assertThat(bag.takeWarmToHold(local)).isSameAs(second);
        assertThat(bag.held(local)).as("the entry the scan found, held").isSameAs(second);

        bag.requite(second, local);
        assertThat(second.tryCheckOut()).as("taken by another thread").isTrue();
        assertThat(bag.takeWarmToHold(local)).isNull();
        assertThat(bag.held(local)).as("nothing taken, nothing held").isNull();
        assertThat(LocalSlots.last(local)).as("the entry returned last, still remembered").isEqualTo(second.slot());
    }

    /**
     * The warm path starts from the view the thread used last, which is another bag's when the thread used another
     * pool since. That view names a slot of this bag only by chance: what the warm path took through it goes
     * back, and the view is as it was, for the thread to start again with its view of this bag. Nothing is taken
     * through a view that names no slot, and what it holds is not this bag's.
     */
    @Test
    void whatTheWarmPathTookThroughAnotherBagsViewGoesBackAndLeavesThatViewAsItWas() {
        ConnectionBag other = new ConnectionBag(housekeeper, () -> false, false);
        PoolEntry otherEntry = inUse(other);
        int[] otherView = other.local();
        otherEntry.handle(null, otherView);
        other.requite(otherEntry, otherView);
        bag.requite(entry, Views.ofNewThread(bag));  // idle, in the slot the other view names
        assertThat(otherEntry.slot()).isEqualTo(entry.slot());
        assertThat(bag.owns(otherView)).isFalse();

        for (boolean hold : new boolean[] {true, false}) {
            PoolEntry taken = hold ? bag.takeWarmToHold(otherView) : bag.takeWarm(otherView);
            assertThat(taken).as("this bag's entry in the slot named").isSameAs(entry);
            bag.undoCheckOut(taken, otherView);
            assertThat(entry.state()).isEqualTo(PoolEntry.IDLE);
            assertThat(LocalSlots.last(otherView)).as("the other bag's entry returned last")
                    .isEqualTo(otherEntry.slot());
            assertThat(LocalSlots.held(otherView)).isEqualTo(LocalSlots.NONE);
        }

        assertThat(other.takeWarmToHold(otherView)).isSameAs(otherEntry);
        assertThat(bag.held(otherView)).as("what the other bag's view holds, asked of this bag").isNull();
        assertThat(bag.takeWarmToHold(otherView)).as("through a view that names no slot returned").isNull();
        assertThat(other.held(otherView)).as("still held in the other bag").isSameAs(otherEntry);
        assertThat(entry.state()).isEqualTo(PoolEntry.IDLE);

        int[] local = bag.local();
        assertThat(bag.owns(local)).isTrue();
        assertThat(bag.takeWarmToHold(local)).isSameAs(entry);
    }

    /**
     * The warm path finds the entry that a thread returned last by the thread's id, and hands it out as it is to the
     * thread its latest handle was made for, with the view that handle was made with.
     */
    @Test
    void theWarmPathTakesByItsIdTheEntryTheThreadReturnedLast() throws Exception {
        PoolEntry other = inUse();
        int[] local = bag.local();
        entry.handle(null, local);
        bag.requite(entry, local);
        runIn(threadWithHint(false, () -> bag.requite(other, bag.local())));

        for (boolean hold : new boolean[] {false, true}) {
            PoolEntry taken = bag.takeWarmByThread(bag.returnedByThread());
            assertThat(taken).as("the entry this thread returned last").isSameAs(entry);
            assertThat(bag.keepWarm(taken, hold)).as("its view of the bag").isSameAs(local);
            assertThat(LocalSlots.held(local)).as("held in thread-local mode")
                    .isEqualTo(hold ? entry.slot() : LocalSlots.NONE);
            bag.requite(taken, local);
        }
        assertThat(other.state()).isEqualTo(PoolEntry.IDLE);
    }

    /**
     * Another thread whose id falls on the same place returned the entry last: its handle is that thread's, and the
     * warm path gives it back rather than hand out another thread's handle.
     */
    @Test
    void anEntryThatAnotherThreadAtTheSamePlaceReturnedGoesBack() throws Exception {
        runIn(threadWithHint(true, () -> {
            int[] theirs = bag.local();
            entry.handle(null, theirs);
            bag.requite(entry, theirs);
        }));

        PoolEntry taken = bag.takeWarmByThread(bag.returnedByThread());
        assertThat(taken).as("found at this thread's place").isSameAs(entry);
        assertThat(bag.keepWarm(taken, false)).as("its handle is the other thread's").isNull();
        bag.undoCheckOut(taken, null);
        assertThat(entry.state()).isEqualTo(PoolEntry.IDLE);
    }

    /** In thread-local mode a thread that holds an entry gets that one again, not the one it returned before. */
    @Test
    void aThreadThatHoldsAnEntryDoesNotKeepTheOneItReturnedBefore() {
        PoolEntry held = inUse();
        int[] local = bag.local();
        entry.handle(null, local);
        bag.requite(entry, local);
        held.handle(null, local);
        bag.held(local, held);

        PoolEntry taken = bag.takeWarmByThread(bag.returnedByThread());
        assertThat(taken).isSameAs(entry);
        assertThat(bag.keepWarm(taken, true)).as("in thread-local mode").isNull();
        assertThat(bag.held(local)).as("what the thread holds").isSameAs(held);
        assertThat(bag.keepWarm(taken, false)).as("in the other mode, where nothing is held").isSameAs(local);
        bag.undoCheckOut(taken, null);
        assertThat(entry.state()).isEqualTo(PoolEntry.IDLE);
    }

    /** A pool that validates every check-out: each entry that comes back is due, and the warm path passes it by. */
    @Test
    void inABagWhoseEntriesAreDueOnReturnOnlyTheSlowPathTakesThem() {
        ConnectionBag validating = new ConnectionBag(housekeeper, () -> false, true);
        PoolEntry returned = inUse(validating);
        int[] local = Views.ofNewThread(bag);
        validating.requite(returned, local);

        assertThat(returned.due()).isTrue();
        assertThat(validating.takeIdle(local)).isNull();
        assertThat(validating.takeIdleEvenDue()).isSameAs(returned);
        assertThat(returned.due()).as("still marked, for the caller to look at").isTrue();
        returned.lookedAt();
        assertThat(returned.inUseUnmarkedBy(returned.checkout())).isTrue();
    }

    /**
     * Each detour sends check-outs off the warm path, while the general one still finds the idle entry; those about the
     * pool's state and its observers send check-ins off too, growth does not. Cleared, the warm path takes the entry.
     */
    @Test
    void aDetourSendsCheckOutsOffTheWarmPathUntilItIsCleared() {
        int[] local = Views.ofNewThread(bag);
        bag.requite(entry, local);
        for (int reason : new int[] {ConnectionBag.POOL_CLOSED, ConnectionBag.POOL_GROWING,
                ConnectionBag.CHECKOUTS_OBSERVED, ConnectionBag.LEAKS_WATCHED}) {
            bag.detour(reason, true);

            assertThat(bag.takeWarm(local)).as("warm check-out, detour %d", reason).isNull();
            assertThat(bag.checkInsDirect()).as("direct check-ins, detour %d", reason)
                    .isEqualTo(reason == ConnectionBag.POOL_GROWING);
            assertThat(bag.takeIdle(local)).as("general check-out, detour %d", reason).isSameAs(entry);
            bag.requite(entry, local);

            bag.detour(reason, false);
        }
        bag.detour(ConnectionBag.POOL_GROWING, true);
        bag.detour(ConnectionBag.LEAKS_WATCHED, true);
        bag.detour(ConnectionBag.POOL_GROWING, false);
        assertThat(bag.takeWarm(local)).as("one of two detours cleared").isNull();
        bag.detour(ConnectionBag.LEAKS_WATCHED, false);

        assertThat(bag.takeWarm(local)).isSameAs(entry);
        assertThat(bag.checkInsDirect()).isTrue();
    }

    @Test
    void aSlotFreedByARemovedEntryIsTakenByTheNextOne() {
        PoolEntry removed = inUse();
        bag.remove(removed);
        PoolEntry next = inUse();

        assertThat(next.slot()).isEqualTo(removed.slot());
        assertThat(bag.size()).isEqualTo(2);
    }

    /** A thread waiting in the bag, and what it receives. */
    private record Waiter(Thread thread, CompletableFuture<PoolEntry> taken) {

        /** Returns once the thread is parked in its wait, past its look at the entries. */
        void awaitParked() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (thread.getState() != Thread.State.TIMED_WAITING) {
                assertThat(System.nanoTime() - deadline).as("the waiter parks").isNegative();
                assertThat(taken).as("the waiter is still waiting").isNotDone();
                Thread.onSpinWait();
            }
        }
    }

    /** A thread that waits (up to ten minutes) for an entry, in line behind those started before it. */
    private Waiter waitInBag() {
        return waitIn(bag);
    }

    private static Waiter waitIn(ConnectionBag bag) {
        return waitIn(bag, false);
    }

    /** The same, stopping also when the bag's {@code roomToOpen} says the pool may open a connection. */
    private static Waiter waitIn(ConnectionBag bag, boolean stopForRoom) {
        CompletableFuture<PoolEntry> taken = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                taken.complete(bag.borrow(TimeUnit.MINUTES.toNanos(10), stopForRoom));
            } catch (Throwable e) {
                taken.completeExceptionally(e);
            }
        }, WAITER);
        thread.start();
        return new Waiter(thread, taken);
    }

    /** Waits for {@code latch} in a thread whose wait cannot throw, giving up after 30 seconds as the test would. */
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A new, unstarted thread whose id falls on the calling thread's place in a bag's hints, or on another. */
    @SuppressWarnings("deprecation")  // Thread.getId(): threadId() is Java 19's
    private static Thread threadWithHint(boolean samePlace, Runnable task) {
        long mine = Thread.currentThread().getId() % ThreadHints.PLACES;
        while (true) {
            Thread thread = new Thread(task);
            if ((thread.getId() % ThreadHints.PLACES == mine) == samePlace) {
                return thread;
            }
        }
    }

    private static void runIn(Thread thread) throws InterruptedException {
        thread.start();
        thread.join();
    }
}
