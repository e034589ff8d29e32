package dev.casspool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The one time a check-out compares ({@link LifetimePolicy#checkBy}) stands for both questions it used to ask: has the
 * connection reached its lifetime, and has it idled long enough to need validation.
 */
class LifetimePolicyTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aConnectionIsLookedAtOnceItHasIdledValidateAfterIdleWhenThatComesBeforeItsLifetimeEnds() {
        LifetimePolicy policy = new LifetimePolicy(Duration.ofHours(1), null, Duration.ofSeconds(10));
        PoolEntry entry = entry(policy.expiresAt(0L));

        assertThat(policy.checkBy(entry, 5 * SECOND)).isEqualTo(15 * SECOND);
    }

    @Test
    void aConnectionIsLookedAtWhenItsLifetimeEndsWhenThatComesFirst() {
        LifetimePolicy policy = new LifetimePolicy(Duration.ofSeconds(30), null, Duration.ofSeconds(10));
        PoolEntry entry = entry(policy.expiresAt(0L));

        assertThat(policy.checkBy(entry, 25 * SECOND)).isEqualTo(entry.expiresAt());
        assertThat(policy.expired(entry, policy.checkBy(entry, 25 * SECOND))).isTrue();
    }

    @Test
    void withoutValidationOnlyTheLifetimeCounts() {
        LifetimePolicy policy = new LifetimePolicy(Duration.ofSeconds(30), null, null);
        PoolEntry entry = entry(policy.expiresAt(0L));

        assertThat(policy.checkBy(entry, 25 * SECOND)).isEqualTo(entry.expiresAt());
    }

    @Test
    void zeroValidateAfterIdleValidatesEveryCheckOut() {
        LifetimePolicy policy = new LifetimePolicy(null, null, Duration.ZERO);
        PoolEntry entry = entry(policy.expiresAt(0L));

        assertThat(policy.checkBy(entry, 7 * SECOND)).isEqualTo(7 * SECOND);
        assertThat(policy.needsValidation(entry, 7 * SECOND)).isTrue();
    }

    @Test
    void withNeitherAConnectionIsNeverLookedAtNorExpiresAlsoWhereTheClockWrapsAround() {
        LifetimePolicy policy = new LifetimePolicy(null, null, null);
        // System.nanoTime() may start anywhere, even just below Long.MAX_VALUE: a century later it has wrapped.
        long century = Duration.ofDays(36_525).toNanos();
        for (long openedAt : new long[] {0L, Long.MAX_VALUE - SECOND, Long.MIN_VALUE + SECOND, -century}) {
            PoolEntry entry = entry(policy.expiresAt(openedAt));
            long checkBy = policy.checkBy(entry, openedAt);

            assertThat(openedAt + century - checkBy).as("opened at %d", openedAt).isNegative();
            assertThat(policy.expired(entry, openedAt + century)).as("opened at %d", openedAt).isFalse();
        }
    }

    private static PoolEntry entry(long expiresAt) {
        return new PoolEntry(null, 1, expiresAt, 0L);
    }
}
