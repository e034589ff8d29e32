package dev.casspool.benchmarks.load;

import dev.casspool.ConnectionPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The pool settings the load tool was told to change; every other setting keeps the builder's default, because users
 * get the defaults (pycassa's: recycle 10000, thread-local mode on, validation after 1 s idle). A benchmark of a tuned
 * pool once hid a 20 % slowdown at the defaults.
 *
 * @param poolSize {@code --pool-size}, or null for one connection per load thread
 * @param recycle {@code --recycle}, or null for the default
 * @param useThreadLocal {@code --thread-local}, or null for the default
 * @param validateAfterIdle {@code --validate-after-idle}, or null for the default; {@link #NEVER} for none
 */
record PoolOptions(Integer poolSize, Integer recycle, Boolean useThreadLocal, Duration validateAfterIdle) {

    /** {@code --validate-after-idle none}: the builder's null, never validate. */
    static final Duration NEVER = Duration.ofSeconds(Long.MAX_VALUE);

    /** No option given: the pool's defaults. */
    static final PoolOptions DEFAULTS = new PoolOptions(null, null, null, null);

    /** Applies the options given to {@code builder}. */
    ConnectionPool.Builder applyTo(ConnectionPool.Builder builder) {
        if (poolSize != null) {
            builder.poolSize(poolSize);
        }
        if (recycle != null) {
            builder.recycle(recycle);
        }
        if (useThreadLocal != null) {
            builder.useThreadLocal(useThreadLocal);
        }
        if (validateAfterIdle != null) {
            builder.validateAfterIdle(validateAfterIdle == NEVER ? null : validateAfterIdle);
        }
        return builder;
    }

    /** The settings for the report's header: what was changed, or that the defaults are in force. */
    String describe() {
        List<String> changed = new ArrayList<>();
        if (poolSize != null) {
            changed.add("poolSize " + poolSize);
        }
        if (recycle != null) {
            changed.add("recycle " + recycle);
        }
        if (useThreadLocal != null) {
            changed.add("useThreadLocal " + useThreadLocal);
        }
        if (validateAfterIdle != null) {
            changed.add("validateAfterIdle " + (validateAfterIdle == NEVER ? "none" : validateAfterIdle));
        }
        return changed.isEmpty() ? "the builder's defaults" : "defaults but " + String.join(", ", changed);
    }
}
