package dev.casspool.benchmarks.micro;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;

/**
 * {@link RecyclingBenchmark}'s results, one row per thread count: a default pool's data calls per microsecond with
 * recycling off and at 1000, their ratio (what replacements cost the warm path), and bytes allocated per call.
 * Medians of all measured iterations of all forks, as in {@link SummaryTable}.
 */
final class RecyclingTable {

    private static final String OFF = "-1";
    private static final String ON = "1000";

    private record Cell(double opsPerMicrosecond, double bytesPerOperation) {
    }

    private final Map<Integer, Map<String, Cell>> byThreads = new TreeMap<>();

    private RecyclingTable() {
    }

    /** Collects the results of {@link RecyclingBenchmark} runs. */
    static RecyclingTable of(Collection<RunResult> results) {
        RecyclingTable table = new RecyclingTable();
        for (RunResult result : results) {
            table.byThreads.computeIfAbsent(result.getParams().getThreads(), threads -> new TreeMap<>())
                    .put(result.getParams().getParam("recycle"), new Cell(
                            SummaryTable.median(result.getPrimaryResult()), SummaryTable.allocation(result)));
        }
        return table;
    }

    /** Prints the table. */
    void print(PrintStream out) {
        out.println("Data call through a default pool of 16, ops/us (median of all measured iterations), recycle off"
                + " and at 1000; bytes per call with -prof gc");
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("threads", "recycle -1", "recycle 1000", "1000 / -1", "bytes -1", "bytes 1000"));
        byThreads.forEach((threads, cells) -> {
            Cell off = cells.getOrDefault(OFF, new Cell(Double.NaN, Double.NaN));
            Cell on = cells.getOrDefault(ON, new Cell(Double.NaN, Double.NaN));
            lines.add(List.of(Integer.toString(threads), SummaryTable.format(off.opsPerMicrosecond(), "%.3f"),
                    SummaryTable.format(on.opsPerMicrosecond(), "%.3f"),
                    SummaryTable.format(on.opsPerMicrosecond() / off.opsPerMicrosecond(), "%.2fx"),
                    SummaryTable.format(off.bytesPerOperation(), "%.0f"),
                    SummaryTable.format(on.bytesPerOperation(), "%.0f")));
        });
        SummaryTable.printAligned(out, lines);
    }
}
