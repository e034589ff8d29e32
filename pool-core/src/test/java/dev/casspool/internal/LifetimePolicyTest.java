package dev.casspool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a connection is too old, or has idled long enough to be validated, on {@link System#nanoTime()}'s scale. */
class LifetimePolicyTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aConnectionIdledValidateAfterIdleNeedsValidationAndZeroValidatesEveryCheckOut() {
        LifetimePolicy policy = new LifetimePolicy(null, null, Duration.ofSeconds(10));
        PoolEntry entry = new PoolEntry(null, 1, policy.expiresAt(0L), 0L);

        assertThat(policy.needsValidation(entry, 9 * SECOND)).isFalse();
        assertThat(policy.needsValidation(entry, 10 * SECOND)).isTrue();
        assertThat(policy.validatesEveryCheckOut()).isFalse();
        assertThat(new LifetimePolicy(null, null, Duration.ZERO).validatesEveryCheckOut()).isTrue();
    }

    @Test
    void onlyALimitCallsForAWatch() {
        assertThat(new LifetimePolicy(null, null, null).needsWatching()).isFalse();
        assertThat(new LifetimePolicy(Duration.ofHours(1), null, null).needsWatching()).isTrue();
        assertThat(new LifetimePolicy(null, Duration.ofMinutes(10), null).needsWatching()).isTrue();
        assertThat(new LifetimePolicy(null, null, Duration.ofSeconds(10)).needsWatching()).isTrue();
    }

    @Test
    void withoutMaxLifetimeAConnectionNeverExpiresAlsoWhereTheClockWrapsAround() {
        LifetimePolicy policy = new LifetimePolicy(null, null, null);
        // System.nanoTime() may start anywhere, even just below Long.MAX_VALUE: a century later it has wrapped.
        long century = Duration.ofDays(36_525).toNanos();
        for (long openedAt : new long[] {0L, Long.MAX_VALUE - SECOND, Long.MIN_VALUE + SECOND, -century}) {
            PoolEntry entry = new PoolEntry(null, 1, policy.expiresAt(openedAt), openedAt);

            assertThat(policy.expired(entry, openedAt + century)).as("opened at %d", openedAt).isFalse();
        }
    }
}
