package dev.casspool.benchmarks.load;

/**
 * What one side achieved in one round.
 *
 * @param operations operations completed in the round
 * @param opsPerSecond operations per second over the round's wall-clock time
 * @param p50Nanos median latency of one operation
 * @param p99Nanos 99th percentile latency of one operation
 * @param cpuMicrosPerOperation this process's CPU time (all its threads: load, pool, JIT, GC) per operation
 * @param clusterCpuMicrosPerOperation the Cassandra nodes' CPU time per operation, or NaN when not measured
 * @param notes what the side reported about the round ({@link Contender#roundNotes()})
 */
record RoundResult(long operations, double opsPerSecond, long p50Nanos, long p99Nanos, double cpuMicrosPerOperation,
                   double clusterCpuMicrosPerOperation, String notes) {

    /**
     * Summarizes {@code latencies}, recorded over {@code elapsedNanos} while this process used {@code cpuNanos} and
     * the cluster {@code clusterCpuNanos} (negative when not measured).
     */
    static RoundResult of(LatencyHistogram latencies, long elapsedNanos, long cpuNanos, long clusterCpuNanos,
                          String notes) {
        long operations = Math.max(1, latencies.count());
        return new RoundResult(latencies.count(), latencies.count() * 1e9 / elapsedNanos, latencies.percentile(50),
                latencies.percentile(99), cpuNanos / 1e3 / operations,
                clusterCpuNanos < 0 ? Double.NaN : clusterCpuNanos / 1e3 / operations, notes);
    }

    /** Whether the cluster's CPU time was measured. */
    boolean measuredCluster() {
        return !Double.isNaN(clusterCpuMicrosPerOperation);
    }
}
