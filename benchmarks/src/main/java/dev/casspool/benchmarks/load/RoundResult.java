package dev.casspool.benchmarks.load;

/**
 * What one side achieved in one round.
 *
 * @param operations operations completed in the round
 * @param opsPerSecond operations per second over the round's wall-clock time
 * @param p50Nanos median latency of one operation
 * @param p99Nanos 99th percentile latency of one operation
 * @param cpuMicrosPerOperation this process's CPU time (all its threads: load, pool, JIT, GC) per operation
 * @param notes what the side reported about the round ({@link Contender#roundNotes()})
 */
record RoundResult(long operations, double opsPerSecond, long p50Nanos, long p99Nanos, double cpuMicrosPerOperation,
                   String notes) {

    /** Summarizes {@code latencies}, recorded over {@code elapsedNanos} while the process used {@code cpuNanos}. */
    static RoundResult of(LatencyHistogram latencies, long elapsedNanos, long cpuNanos, String notes) {
        long operations = latencies.count();
        return new RoundResult(operations, operations * 1e9 / elapsedNanos, latencies.percentile(50),
                latencies.percentile(99), operations == 0 ? 0 : cpuNanos / 1e3 / operations, notes);
    }
}
