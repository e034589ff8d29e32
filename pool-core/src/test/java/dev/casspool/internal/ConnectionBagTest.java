package dev.casspool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bag's hand-over, on entries without connections: what is claimed here needs no Cassandra. */
class ConnectionBagTest {

    private final Housekeeper housekeeper = new Housekeeper("bag-test");
    private final ConnectionBag bag = new ConnectionBag(housekeeper);
    private final PoolEntry entry = new PoolEntry(null, PoolEntry.IN_USE, 0L, e -> null);

    @AfterEach
    void stopHousekeeper() {
        housekeeper.shutdown();
    }

    /**
     * A releaser that marked its entry idle may have read the waiter count before a new waiter's increment reached
     * it, and kept the entry instead of handing it over. The waiter, already past its own look at the entries, must
     * still get it, long before its timeout.
     */
    @Test
    void aWaiterGetsAnEntryWhoseReleaserDidNotSeeItWaiting() throws Exception {
        bag.add(entry);
        // The releaser's half of the race: idle, but neither handed over nor kept where the waiter will look.
        entry.markIdle();

        Waiter waiter = waitInBag();

        assertThat(waiter.taken().get(30, TimeUnit.SECONDS)).isSameAs(entry);
        assertThat(entry.state()).isEqualTo(PoolEntry.IN_USE);
    }

    /**
     * Threads that join a line of waiters neither scan the entries nor arm a rescue of their own: the rescue that the
     * first waiter armed must serve them too when an entry was left idle unseen.
     */
    @Test
    void aThreadThatJoinsALineOfWaitersGetsAnEntryLeftIdleUnseen() throws Exception {
        PoolEntry second = new PoolEntry(null, PoolEntry.IN_USE, 0L, e -> null);
        bag.add(entry);
        bag.add(second);
        entry.markIdle();

        Waiter first = waitInBag();
        Waiter next = waitInBag();
        bag.release(second, new LocalEntries());

        assertThat(List.of(first.taken().get(30, TimeUnit.SECONDS), next.taken().get(30, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder(entry, second);
    }

    @Test
    void anEntryReleasedWhileAThreadWaitsIsHandedToIt() throws Exception {
        bag.add(entry);
        Waiter waiter = waitInBag();

        bag.release(entry, new LocalEntries());

        assertThat(waiter.taken().get(30, TimeUnit.SECONDS)).isSameAs(entry);
        waiter.thread().join();
        assertThat(bag.waiting()).isZero();
    }

    /**
     * Between the hand-over and the moment the waiting thread runs again, nobody else may take the entry: neither a
     * newcomer scanning the entries nor the rescue. Otherwise the waiter gets nothing and must queue again, behind
     * threads that arrived after it. The window is a thread's wake-up, so it is opened many times.
     */
    @Test
    void anEntryHandedToAWaiterIsOwnedByItOnTheWay() throws Exception {
        bag.add(entry);
        for (int round = 0; round < 1_000; round++) {
            Waiter waiter = waitInBag();
            // Parked, so that after the hand-over it needs a wake-up before it can act.
            while (waiter.thread().getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }

            bag.release(entry, new LocalEntries());

            assertThat(bag.takeIdle(new LocalEntries())).as("taken by a newcomer in round %d", round).isNull();
            assertThat(waiter.taken().get(30, TimeUnit.SECONDS)).as("received in round %d", round).isSameAs(entry);
            assertThat(entry.state()).isEqualTo(PoolEntry.IN_USE);
        }
    }

    /** A thread waiting in the bag, and what it receives. */
    private record Waiter(Thread thread, CompletableFuture<PoolEntry> taken) {
    }

    /** A thread that counts itself as waiting at once, then waits (up to ten minutes) for an entry. */
    private Waiter waitInBag() {
        CompletableFuture<PoolEntry> taken = new CompletableFuture<>();
        bag.startWaiting();
        Thread thread = new Thread(() -> {
            try {
                taken.complete(bag.await(TimeUnit.MINUTES.toNanos(10)));
            } catch (Throwable e) {
                taken.completeExceptionally(e);
            } finally {
                bag.stopWaiting();
            }
        }, "bag-waiter");
        thread.start();
        return new Waiter(thread, taken);
    }
}
