package dev.casspool.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * When a pooled connection is too old or has idled too long to hand out: the pool's {@code maxLifetime},
 * {@code idleTimeout} and {@code validateAfterIdle} settings. Times are {@link System#nanoTime()}-scale; the
 * {@link LifetimeWatch} asks on the housekeeper, so that check-outs and check-ins need not.
 */
public final class LifetimePolicy {

    private static final long NONE = -1;
    /** How far off a time that never comes lies: far enough, and small enough that adding it cannot wrap around. */
    private static final long NEVER = Long.MAX_VALUE >> 1;

    private final long maxLifetimeNanos;
    private final long idleTimeoutNanos;
    private final long validateAfterIdleNanos;

    /**
     * Creates the policy.
     *
     * @param maxLifetime how long a connection may live, or null for ever
     * @param idleTimeout how long a connection may idle in the pool, or null for ever
     * @param validateAfterIdle idle time after which a connection is checked before it is handed out (zero: always),
     *     or null for never
     */
    public LifetimePolicy(Duration maxLifetime, Duration idleTimeout, Duration validateAfterIdle) {
        this.maxLifetimeNanos = maxLifetime == null ? NONE : maxLifetime.toNanos();
        this.idleTimeoutNanos = idleTimeout == null ? NONE : idleTimeout.toNanos();
        this.validateAfterIdleNanos = validateAfterIdle == null ? NONE : validateAfterIdle.toNanos();
    }

    /**
     * When a connection opened at {@code openedAt} expires: its maximum lifetime less up to 2.5 % at random, so that
     * connections opened together do not all expire together; without a maximum lifetime, in some 146 years.
     */
    public long expiresAt(long openedAt) {
        if (maxLifetimeNanos == NONE) {
            return openedAt + NEVER;
        }
        long jitter = ThreadLocalRandom.current().nextLong(maxLifetimeNanos / 40 + 1);
        return openedAt + maxLifetimeNanos - jitter;
    }

    /** Whether the entry has reached its maximum lifetime at {@code now}. */
    public boolean expired(PoolEntry entry, long now) {
        return now - entry.expiresAt() >= 0;
    }

    /** Whether every check-out validates its connection ({@code validateAfterIdle} of zero). */
    public boolean validatesEveryCheckOut() {
        return validateAfterIdleNanos == 0;
    }

    /** Whether any limit is set, so that a {@link LifetimeWatch} must keep an eye on the entries. */
    public boolean needsWatching() {
        return maxLifetimeNanos != NONE || idleTimeoutNanos != NONE || validateAfterIdleNanos != NONE;
    }

    /** Whether the entry has idled longer than the idle timeout at {@code now}. */
    public boolean idledOut(PoolEntry entry, long now) {
        return idleTimeoutNanos != NONE && now - entry.lastUsed() > idleTimeoutNanos;
    }

    /** Whether the entry has idled long enough that it must answer a {@code describe_version} before use. */
    public boolean needsValidation(PoolEntry entry, long now) {
        return validateAfterIdleNanos != NONE && now - entry.lastUsed() >= validateAfterIdleNanos;
    }

    /** Whether idle connections must be swept in the background (a lifetime or idle limit is set). */
    public boolean needsSweeping() {
        return maxLifetimeNanos != NONE || idleTimeoutNanos != NONE;
    }

    /** How often to sweep: a quarter of the shortest limit, between 50 ms and 30 s. */
    public long sweepPeriodNanos() {
        long shortest = Math.min(maxLifetimeNanos == NONE ? Long.MAX_VALUE : maxLifetimeNanos,
                idleTimeoutNanos == NONE ? Long.MAX_VALUE : idleTimeoutNanos);
        return Math.max(TimeUnit.MILLISECONDS.toNanos(50), Math.min(TimeUnit.SECONDS.toNanos(30), shortest / 4));
    }
}
