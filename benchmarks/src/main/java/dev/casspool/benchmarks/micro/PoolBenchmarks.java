package dev.casspool.benchmarks.micro;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.Main;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The entry point of {@code benchmarks.jar}: runs {@link WarmPoolBenchmark} and {@link WarmPoolLargeHeapBenchmark} at
 * 1, 2, 4, 8 and 16 threads, then {@link OverflowBenchmark} and {@link ContendedBenchmark}, and
 * {@link RecyclingBenchmark} at 1, 4 and 16 threads, and prints one table of all pools side by side with casspool's
 * ratios to the others, and one of recycling off and on. JMH cannot sweep thread counts in one run, hence these loops.
 *
 * <p>Takes JMH's command-line options ({@code -f 1 -wi 2 -i 3 -prof gc ...}); {@code -t N} measures the warm pool and
 * recycling at N threads only. Given a benchmark regex, or {@code -h}, {@code -l} and the like, it is plain JMH.
 */
public final class PoolBenchmarks {

    /** The thread counts of the warm-pool benchmark. */
    public static final List<Integer> THREAD_COUNTS = List.of(1, 2, 4, 8, 16);

    /** The thread counts of the recycling benchmark (the load tool's). */
    public static final List<Integer> RECYCLING_THREAD_COUNTS = List.of(1, 4, 16);

    private PoolBenchmarks() {
    }

    /**
     * Runs the benchmarks and prints the summary.
     *
     * @param args JMH's command-line options
     */
    public static void main(String[] args) throws Exception {
        CommandLineOptions options = new CommandLineOptions(args);
        if (!options.getIncludes().isEmpty() || options.shouldHelp() || options.shouldList()
                || options.shouldListWithParams() || options.shouldListProfilers()
                || options.shouldListResultFormats()) {
            Main.main(args);
            return;
        }
        List<Integer> threadCounts = options.getThreads().hasValue()
                ? List.of(options.getThreads().get()) : THREAD_COUNTS;
        List<RunResult> results = new ArrayList<>();
        for (Class<?> warmPool : List.of(WarmPoolBenchmark.class, WarmPoolLargeHeapBenchmark.class)) {
            for (int threads : threadCounts) {
                results.addAll(run(options, warmPool, threads));
            }
        }
        results.addAll(run(options, OverflowBenchmark.class, OverflowBenchmark.THREADS));
        results.addAll(run(options, ContendedBenchmark.class, ContendedBenchmark.THREADS));
        List<RunResult> recycling = new ArrayList<>();
        for (int threads : options.getThreads().hasValue() ? threadCounts : RECYCLING_THREAD_COUNTS) {
            recycling.addAll(run(options, RecyclingBenchmark.class, threads));
        }
        System.out.println();
        SummaryTable.of(results).print(System.out);
        System.out.println();
        RecyclingTable.of(recycling).print(System.out);
    }

    private static Collection<RunResult> run(CommandLineOptions options, Class<?> benchmark, int threads)
            throws RunnerException {
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .parent(options)
                .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
                .threads(threads);
        return new Runner(builder.build()).run();
    }
}
