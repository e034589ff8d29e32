package dev.casspool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watch marks what check-outs and check-ins no longer look at themselves: entries past their lifetime, and idle
 * ones that idled {@code validateAfterIdle}. Ticks are called here with chosen times; the housekeeper's are not
 * started.
 */
class LifetimeWatchTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final Housekeeper housekeeper = new Housekeeper("watch-test");
    private final ConnectionBag bag = new ConnectionBag(housekeeper, () -> false, false);
    private final int[] local = Views.ofNewThread(bag);

    @AfterEach
    void stopHousekeeper() {
        housekeeper.shutdown(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void anEntryThatIdledValidateAfterIdleIsDueAndTheWarmPathPassesItBy() {
        LifetimeWatch watch = watch(new LifetimePolicy(null, null, Duration.ofSeconds(10)));
        PoolEntry entry = idleEntry(Long.MAX_VALUE);

        watch.tick(9 * SECOND);
        assertThat(entry.due()).as("idle for 9 s").isFalse();

        watch.tick(10 * SECOND);
        assertThat(entry.due()).as("idle for 10 s").isTrue();
        assertThat(bag.takeIdle(local)).isNull();
        assertThat(bag.takeIdleEvenDue()).isSameAs(entry);
        assertThat(entry.due()).as("still marked, for the check-out to validate it").isTrue();
    }

    @Test
    void anEntryPastItsLifetimeIsDueAlsoWhileInUseAndItsCheckInSeesIt() {
        LifetimeWatch watch = watch(new LifetimePolicy(Duration.ofSeconds(30), null, null));
        PoolEntry entry = idleEntry(30 * SECOND);
        assertThat(bag.takeIdle(local)).isSameAs(entry);
        long checkout = entry.checkout();

        watch.tick(29 * SECOND);
        assertThat(entry.inUseUnmarkedBy(checkout)).isTrue();

        watch.tick(30 * SECOND);
        assertThat(entry.due()).isTrue();
        assertThat(entry.inUseBy(checkout)).as("its check-out goes on").isTrue();
        assertThat(entry.inUseUnmarkedBy(checkout)).as("but its check-in must look at it").isFalse();
    }

    @Test
    void anEntryCountsAsIdleFromTheTickBeforeItWasFirstSeenIdle() {
        LifetimeWatch watch = watch(new LifetimePolicy(null, null, Duration.ofSeconds(10)));
        PoolEntry entry = idleEntry(Long.MAX_VALUE);
        assertThat(bag.takeIdle(local)).isSameAs(entry);
        watch.tick(SECOND);  // sees it in use

        bag.requite(entry, local);  // back at some time after 1 s
        watch.tick(2 * SECOND);
        assertThat(entry.lastUsed()).isEqualTo(SECOND);

        watch.tick(11 * SECOND - 1);
        assertThat(entry.due()).isFalse();
        watch.tick(11 * SECOND);
        assertThat(entry.due()).isTrue();
    }

    @Test
    void aCheckOutBetweenTwoTicksStartsTheIdleTimeAgain() {
        LifetimeWatch watch = watch(new LifetimePolicy(null, null, Duration.ofSeconds(10)));
        PoolEntry entry = idleEntry(Long.MAX_VALUE);
        watch.tick(8 * SECOND);

        assertThat(bag.takeIdle(local)).isSameAs(entry);
        bag.requite(entry, local);
        watch.tick(10 * SECOND);

        assertThat(entry.lastUsed()).isEqualTo(8 * SECOND);
        assertThat(entry.due()).isFalse();
    }

    /** A check-in racing with the watch may clear its mark (it makes the entry idle with a plain store). */
    @Test
    void aMarkLostToACheckInIsMadeAgainOnTheNextTick() {
        LifetimeWatch watch = watch(new LifetimePolicy(Duration.ofSeconds(30), null, null));
        PoolEntry entry = idleEntry(30 * SECOND);
        assertThat(bag.takeIdle(local)).isSameAs(entry);
        watch.tick(30 * SECOND);
        assertThat(entry.due()).isTrue();

        bag.requite(entry, local);
        assertThat(entry.due()).isFalse();

        watch.tick(31 * SECOND);
        assertThat(entry.due()).isTrue();
        assertThat(bag.takeIdle(local)).isNull();
    }

    private LifetimeWatch watch(LifetimePolicy lifetimes) {
        return new LifetimeWatch(bag, lifetimes, 0L);
    }

    /** An idle entry created at time 0 that expires at {@code expiresAt}. */
    private PoolEntry idleEntry(long expiresAt) {
        PoolEntry entry = new PoolEntry(null, 1, expiresAt, 0L);
        bag.add(entry);
        bag.unreserve(entry);
        return entry;
    }
}
