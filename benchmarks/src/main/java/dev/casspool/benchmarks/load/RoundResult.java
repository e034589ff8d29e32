package dev.casspool.benchmarks.load;

/**
 * What one side achieved in one round.
 *
 * @param operations operations completed in the round
 * @param opsPerSecond operations per second over the round's wall-clock time
 * @param p50Nanos median latency of one operation
 * @param p99Nanos 99th percentile latency of one operation
 */
record RoundResult(long operations, double opsPerSecond, long p50Nanos, long p99Nanos) {

    /** Summarizes {@code latencies}, recorded over {@code elapsedNanos}. */
    static RoundResult of(LatencyHistogram latencies, long elapsedNanos) {
        return new RoundResult(latencies.count(), latencies.count() * 1e9 / elapsedNanos,
                latencies.percentile(50), latencies.percentile(99));
    }
}
