/**
 * casspool with Micrometer: {@link dev.casspool.micrometer.ConnectionPoolMetrics} binds a pool's meters to a
 * {@code MeterRegistry}. Micrometer is an optional dependency of pool-core: nothing here is loaded unless the
 * application uses it.
 */
package dev.casspool.micrometer;
