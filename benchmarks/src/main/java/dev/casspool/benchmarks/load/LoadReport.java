package dev.casspool.benchmarks.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Prints each round as it ends and, at the end, one line per thread count: the medians of both sides over the rounds
 * and the measured/baseline ratios, checked against the comparison's {@link Targets}. When the Cassandra nodes' CPU
 * was measured, it is shown per operation too, with its ratio.
 *
 * <p>A ratio or difference is the median of the per-round ones, each taken between a measured round and the baseline
 * round just before it, so that a machine whose speed drifts during the run moves both sides of each alike.
 */
final class LoadReport {

    private record Pair(RoundResult baseline, RoundResult measured) {
    }

    private final PrintStream out;
    private final String baselineName;
    private final String measuredName;
    private final Targets targets;
    private final Map<Integer, List<Pair>> pairsByThreads = new LinkedHashMap<>();

    /**
     * Creates a report.
     *
     * @param baselineName the baseline side's name in round lines
     * @param measuredName the measured side's name in round lines
     * @param targets what the measured side must achieve
     */
    LoadReport(PrintStream out, String baselineName, String measuredName, Targets targets) {
        this.out = out;
        this.baselineName = baselineName;
        this.measuredName = measuredName;
        this.targets = targets;
    }

    /** Records and prints round {@code round} of both sides at {@code threads} threads. */
    void round(int threads, int round, RoundResult baseline, RoundResult measured) {
        record(threads, baseline, measured);
        out.println(line(threads, round, baselineName, baseline));
        out.println(line(threads, round, measuredName, measured));
    }

    /** Records a round of both sides at {@code threads} threads without printing it. */
    void record(int threads, RoundResult baseline, RoundResult measured) {
        pairsByThreads.computeIfAbsent(threads, t -> new ArrayList<>()).add(new Pair(baseline, measured));
    }

    /** One round of one side, as the report prints it. */
    static String line(int threads, int round, String side, RoundResult result) {
        return String.format("T=%-3d round %-2d %-12s %10.0f ops/s  p50 %8.3f ms  p99 %8.3f ms  cpu %6.1f us/op%s  %s",
                threads, round, side, result.opsPerSecond(), millis(result.p50Nanos()), millis(result.p99Nanos()),
                result.cpuMicrosPerOperation(), result.measuredCluster()
                        ? String.format("  cluster cpu %6.1f us/op", result.clusterCpuMicrosPerOperation()) : "",
                result.notes()).stripTrailing();
    }

    /** Prints the medians and ratios of every thread count measured. */
    void printSummary() {
        boolean cluster = pairsByThreads.values().stream().flatMap(List::stream)
                .allMatch(pair -> pair.measured().measuredCluster());
        out.println();
        out.println("Medians over rounds; ratios are " + measuredName + "/" + baselineName
                + ", cpu +us the " + measuredName + "'s extra client CPU per operation, medians of per-round values");
        out.printf("%7s  %11s  %11s  %9s  %10s  %10s  %10s  %10s  %9s  %8s  %8s  %8s%s  %s%n", "threads",
                baselineName + " ops/s", measuredName + " ops/s", "ops ratio", "base p50", "p50", "base p99", "p99",
                "p99 ratio", "base cpu", "cpu", "cpu +us",
                cluster ? String.format("  %9s  %9s  %9s", "base ccpu", "ccpu", "ccpu ratio") : "",
                targets.description().isEmpty() ? "" : "targets (" + targets.description() + ")");
        pairsByThreads.forEach((threads, pairs) -> {
            double opsRatio = median(pairs, pair -> pair.measured().opsPerSecond() / pair.baseline().opsPerSecond());
            double p99Ratio = median(pairs, pair -> (double) pair.measured().p99Nanos() / pair.baseline().p99Nanos());
            double extraCpu = median(pairs, pair -> pair.measured().cpuMicrosPerOperation()
                    - pair.baseline().cpuMicrosPerOperation());
            double clusterRatio = cluster ? median(pairs, pair -> pair.measured().clusterCpuMicrosPerOperation()
                    / pair.baseline().clusterCpuMicrosPerOperation()) : Double.NaN;
            String verdict = targets == Targets.NONE ? ""
                    : targets.met(opsRatio, p99Ratio, extraCpu, clusterRatio) ? "met" : "MISSED";
            out.printf("%7d  %11.0f  %11.0f  %8.3fx  %7.3f ms  %7.3f ms  %7.3f ms  %7.3f ms  %8.3fx  %8.1f  %8.1f"
                            + "  %+8.1f%s  %s%n", threads,
                    median(pairs, pair -> pair.baseline().opsPerSecond()),
                    median(pairs, pair -> pair.measured().opsPerSecond()), opsRatio,
                    millis(median(pairs, pair -> pair.baseline().p50Nanos())),
                    millis(median(pairs, pair -> pair.measured().p50Nanos())),
                    millis(median(pairs, pair -> pair.baseline().p99Nanos())),
                    millis(median(pairs, pair -> pair.measured().p99Nanos())), p99Ratio,
                    median(pairs, pair -> pair.baseline().cpuMicrosPerOperation()),
                    median(pairs, pair -> pair.measured().cpuMicrosPerOperation()), extraCpu,
                    cluster ? String.format("  %9.1f  %9.1f  %8.3fx",
                            median(pairs, pair -> pair.baseline().clusterCpuMicrosPerOperation()),
                            median(pairs, pair -> pair.measured().clusterCpuMicrosPerOperation()), clusterRatio) : "",
                    verdict);
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
