package dev.casspool.benchmarks.micro;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * All pools side by side, one row per benchmark and thread count: throughput in ops/µs and, when JMH ran with
 * {@code -prof gc}, bytes allocated per check-out + check-in, followed by casspool's throughput as a share of
 * ConcurrentBag's and commons-pool2's. Figures are medians of all measured iterations of all forks, which a noisy
 * machine disturbs less than means.
 */
final class SummaryTable {

    private static final String ALLOCATION = "gc.alloc.rate.norm";
    private static final List<PoolKind> CASSPOOLS = List.of(PoolKind.CASSPOOL_THREAD_LOCAL, PoolKind.CASSPOOL);
    private static final List<PoolKind> REFERENCES = List.of(PoolKind.CONCURRENT_BAG, PoolKind.COMMONS_POOL2);

    private record Row(String benchmark, int threads) {
    }

    private record Cell(double opsPerMicrosecond, double bytesPerOperation) {
    }

    private final Map<Row, Map<PoolKind, Cell>> rows = new LinkedHashMap<>();

    private SummaryTable() {
    }

    /** Collects the results of {@link CheckOutCheckInBenchmark} runs. */
    static SummaryTable of(Collection<RunResult> results) {
        SummaryTable table = new SummaryTable();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String[] name = params.getBenchmark().split("\\.");
            Row row = new Row(name[name.length - 2], params.getThreads());
            PoolKind pool = PoolKind.valueOf(params.getParam("kind"));
            table.rows.computeIfAbsent(row, key -> new EnumMap<>(PoolKind.class))
                    .put(pool, new Cell(median(result.getPrimaryResult()), allocation(result)));
        }
        return table;
    }

    /** Prints the throughput table, then the allocation table if anything was measured. */
    void print(PrintStream out) {
        out.println("Check-out + check-in, ops/us (median of all measured iterations; higher is better)");
        List<String> header = new ArrayList<>(List.of("benchmark", "threads"));
        for (PoolKind kind : PoolKind.values()) {
            header.add(kind.label());
        }
        for (PoolKind casspool : CASSPOOLS) {
            for (PoolKind reference : REFERENCES) {
                header.add(casspool.label() + "/" + reference.label());
            }
        }
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        rows.forEach((row, cells) -> {
            List<String> line = rowStart(row);
            for (PoolKind kind : PoolKind.values()) {
                line.add(format(score(cells, kind), "%.2f"));
            }
            for (PoolKind casspool : CASSPOOLS) {
                for (PoolKind reference : REFERENCES) {
                    line.add(format(score(cells, casspool) / score(cells, reference), "%.2fx"));
                }
            }
            lines.add(line);
        });
        printAligned(out, lines);
        if (rows.values().stream().flatMap(cells -> cells.values().stream())
                .anyMatch(cell -> !Double.isNaN(cell.bytesPerOperation()))) {
            out.println();
            out.println("Allocated bytes per check-out + check-in (" + ALLOCATION + ", -prof gc; median)");
            printAllocations(out);
        }
    }

    private void printAllocations(PrintStream out) {
        List<String> header = new ArrayList<>(List.of("benchmark", "threads"));
        for (PoolKind kind : PoolKind.values()) {
            header.add(kind.label());
        }
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        rows.forEach((row, cells) -> {
            List<String> line = rowStart(row);
            for (PoolKind kind : PoolKind.values()) {
                Cell cell = cells.get(kind);
                line.add(format(cell == null ? Double.NaN : cell.bytesPerOperation(), "%.3f"));
            }
            lines.add(line);
        });
        printAligned(out, lines);
    }

    private static List<String> rowStart(Row row) {
        return new ArrayList<>(List.of(row.benchmark(), Integer.toString(row.threads())));
    }

    private static double score(Map<PoolKind, Cell> cells, PoolKind kind) {
        Cell cell = cells.get(kind);
        return cell == null ? Double.NaN : cell.opsPerMicrosecond();
    }

    static double median(Result<?> result) {
        return result.getStatistics().getPercentile(50);
    }

    // JMH hands secondary results out as a raw Map<String, Result>.
    @SuppressWarnings("rawtypes")
    static double allocation(RunResult result) {
        for (Map.Entry<String, Result> secondary : result.getSecondaryResults().entrySet()) {
            if (secondary.getKey().endsWith(ALLOCATION)) {
                return median(secondary.getValue());
            }
        }
        return Double.NaN;
    }

    static String format(double value, String pattern) {
        return Double.isNaN(value) ? "-" : String.format(pattern, value);
    }

    static void printAligned(PrintStream out, List<List<String>> lines) {
        int[] widths = new int[lines.get(0).size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                String cell = line.get(i);
                // Names left, figures right.
                text.append(i == 0 ? String.format("%-" + widths[i] + "s", cell)
                        : String.format("  %" + widths[i] + "s", cell));
            }
            out.println(text);
        }
    }
}
