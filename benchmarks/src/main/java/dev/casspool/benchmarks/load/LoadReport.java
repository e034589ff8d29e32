package dev.casspool.benchmarks.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Prints each round as it ends and, at the end, one line per thread count: the medians of both sides over the rounds
 * and the pool/baseline ratios, checked against the targets (throughput at least 0.97x, p99 at most 1.10x).
 *
 * <p>A ratio is the median of the per-round ratios, each taken between a pool round and the baseline round just
 * before it, so that a machine whose speed drifts during the run moves both sides of each ratio alike.
 */
final class LoadReport {

    static final double THROUGHPUT_TARGET = 0.97;
    static final double P99_TARGET = 1.10;

    private record Pair(RoundResult baseline, RoundResult pool) {
    }

    private final PrintStream out;
    private final Map<Integer, List<Pair>> pairsByThreads = new LinkedHashMap<>();

    LoadReport(PrintStream out) {
        this.out = out;
    }

    /** Records and prints round {@code round} of both sides at {@code threads} threads. */
    void round(int threads, int round, RoundResult baseline, RoundResult pool) {
        pairsByThreads.computeIfAbsent(threads, t -> new ArrayList<>()).add(new Pair(baseline, pool));
        out.println(line(threads, round, "baseline", baseline));
        out.println(line(threads, round, "pool", pool));
    }

    private static String line(int threads, int round, String side, RoundResult result) {
        return String.format("T=%-3d round %-2d %-8s %10.0f ops/s  p50 %8.3f ms  p99 %8.3f ms", threads, round,
                side, result.opsPerSecond(), millis(result.p50Nanos()), millis(result.p99Nanos()));
    }

    /** Prints the medians and ratios of every thread count measured. */
    void printSummary() {
        out.println();
        out.println("Medians over rounds; ratios are pool/baseline, median of per-round ratios");
        out.printf("%7s  %14s  %14s  %9s  %12s  %12s  %12s  %12s  %9s  %s%n", "threads", "baseline ops/s",
                "pool ops/s", "ops ratio", "baseline p50", "pool p50", "baseline p99", "pool p99", "p99 ratio",
                "targets (>= " + THROUGHPUT_TARGET + "x ops, <= " + P99_TARGET + "x p99)");
        pairsByThreads.forEach((threads, pairs) -> {
            double opsRatio = median(pairs, pair -> pair.pool().opsPerSecond() / pair.baseline().opsPerSecond());
            double p99Ratio = median(pairs, pair -> (double) pair.pool().p99Nanos() / pair.baseline().p99Nanos());
            boolean met = opsRatio >= THROUGHPUT_TARGET && p99Ratio <= P99_TARGET;
            out.printf("%7d  %14.0f  %14.0f  %8.3fx  %9.3f ms  %9.3f ms  %9.3f ms  %9.3f ms  %8.3fx  %s%n", threads,
                    median(pairs, pair -> pair.baseline().opsPerSecond()),
                    median(pairs, pair -> pair.pool().opsPerSecond()), opsRatio,
                    millis(median(pairs, pair -> pair.baseline().p50Nanos())),
                    millis(median(pairs, pair -> pair.pool().p50Nanos())),
                    millis(median(pairs, pair -> pair.baseline().p99Nanos())),
                    millis(median(pairs, pair -> pair.pool().p99Nanos())), p99Ratio, met ? "met" : "MISSED");
        });
    }

    private static double median(List<Pair> pairs, ToDoubleFunction<Pair> value) {
        double[] values = pairs.stream().mapToDouble(value).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static double millis(double nanos) {
        return nanos / 1e6;
    }
}
