package dev.casspool.benchmarks.load;

/**
 * Latencies in nanoseconds, counted in log-linear buckets: exact below 256 ns, then 128 buckets per power of two, so
 * a percentile is off by less than 0.8 %. Recording is a counter increment, allocates nothing and takes no lock; each
 * load thread records into its own histogram, and the round merges them with {@link #add}.
 */
final class LatencyHistogram {

    private static final int SUB_BUCKET_BITS = 7;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private static final int EXACT_BELOW = 2 * SUB_BUCKETS;

    private final long[] counts = new long[index(Long.MAX_VALUE) + 1];
    private long total;

    /** Counts one latency; negative values count as zero. */
    void record(long nanos) {
        counts[index(Math.max(0, nanos))]++;
        total++;
    }

    /** Adds all of {@code other}'s counts to this histogram. */
    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    /** How many latencies were recorded. */
    long count() {
        return total;
    }

    /**
     * The latency that {@code percent} % of the recorded ones do not exceed (the middle of its bucket), or 0 when
     * nothing was recorded.
     */
    long percentile(double percent) {
        long rank = Math.max(1, (long) Math.ceil(percent / 100 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return middle(i);
            }
        }
        return 0;
    }

    private static int index(long nanos) {
        if (nanos < EXACT_BELOW) {
            return (int) nanos;
        }
        int shift = 63 - Long.numberOfLeadingZeros(nanos) - SUB_BUCKET_BITS;
        return (shift + 1) * SUB_BUCKETS + (int) (nanos >>> shift) - SUB_BUCKETS;
    }

    private static long middle(int index) {
        if (index < EXACT_BELOW) {
            return index;
        }
        int shift = index / SUB_BUCKETS - 1;
        long lowest = (long) (index % SUB_BUCKETS + SUB_BUCKETS) << shift;
        return lowest + (1L << shift) / 2;
    }
}
