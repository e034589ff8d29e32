package dev.casspool.internal;

import static org.assertj.core.api.Assertions.assertThat;

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

        CompletableFuture<PoolEntry> taken = waitInBag();

        assertThat(taken.get(30, TimeUnit.SECONDS)).isSameAs(entry);
        assertThat(entry.state()).isEqualTo(PoolEntry.IN_USE);
    }

    @Test
    void anEntryReleasedWhileAThreadWaitsIsHandedToIt() throws Exception {
        bag.add(entry);
        CompletableFuture<PoolEntry> taken = waitInBag();

        bag.release(entry, new LocalEntries());

        assertThat(taken.get(30, TimeUnit.SECONDS)).isSameAs(entry);
        assertThat(bag.waiting()).isZero();
    }

    /** A thread that counts itself as waiting at once, then waits (up to ten minutes) for an entry. */
    private CompletableFuture<PoolEntry> waitInBag() {
        bag.startWaiting();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return bag.await(TimeUnit.MINUTES.toNanos(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                bag.stopWaiting();
            }
        });
    }
}
