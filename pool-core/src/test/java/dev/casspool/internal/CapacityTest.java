package dev.casspool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The count of open connections, and what it tells the bag about the pool's growth. */
class CapacityTest {

    private final Housekeeper housekeeper = new Housekeeper("capacity-test");
    private final ConnectionBag bag = new ConnectionBag(housekeeper, () -> false, false);

    @AfterEach
    void stopHousekeeper() {
        housekeeper.shutdown(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void aPoolBelowItsSizeKeepsCheckOutsOffTheWarmPath() {
        Capacity capacity = new Capacity(2, bag);
        int[] local = Views.ofNewThread(bag);
        PoolEntry idle = idleEntry();

        assertThat(bag.takeWarm(local)).as("empty").isNull();
        assertThat(capacity.tryTake(2)).isTrue();
        assertThat(bag.takeWarm(local)).as("one of two").isNull();
        assertThat(capacity.tryTake(2)).isTrue();
        assertThat(bag.takeWarm(local)).as("grown").isSameAs(idle);
        bag.requite(idle, local);

        capacity.release();
        assertThat(bag.takeWarm(local)).as("one closed").isNull();
        assertThat(capacity.tryTake(3)).isTrue();
        assertThat(capacity.tryTake(3)).isTrue();
        assertThat(capacity.tryTake(3)).as("beyond the limit").isFalse();
        assertThat(bag.takeWarm(local)).as("grown again, with overflow").isSameAs(idle);
    }

    @Test
    void aPoolOfSizeZeroNeverGrows() {
        new Capacity(0, bag);
        PoolEntry idle = idleEntry();

        assertThat(bag.takeWarm(Views.ofNewThread(bag))).isSameAs(idle);
    }

    /**
     * Threads that open and close connections at once tell the bag about growth in any order; once they stop, what
     * it was told last matches the count.
     */
    @Test
    void racingThreadsLeaveTheBagToldWhatTheCountIs() throws Exception {
        for (int round = 0; round < 200; round++) {
            ConnectionBag told = new ConnectionBag(housekeeper, () -> false, false);
            Capacity capacity = new Capacity(4, told);
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int takes = 1 + (round + t) % 3;
                Thread thread = new Thread(() -> {
                    awaitQuietly(start);
                    for (int i = 0; i < takes; i++) {
                        capacity.tryTake(8);
                    }
                    capacity.release();
                });
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            PoolEntry idle = inUse(told);
            idle.markIdle(false);

            boolean grown = capacity.taken() >= 4;
            assertThat(told.takeWarm(Views.ofNewThread(told)) != null)
                    .as("round %d, %d taken", round, capacity.taken()).isEqualTo(grown);
        }
    }

    private PoolEntry idleEntry() {
        PoolEntry entry = inUse(bag);
        entry.markIdle(false);
        return entry;
    }

    private static PoolEntry inUse(ConnectionBag bag) {
        PoolEntry created = new PoolEntry(null, 1, 0L, 0L);
        bag.add(created);
        created.checkOutReserved();
        return created;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
