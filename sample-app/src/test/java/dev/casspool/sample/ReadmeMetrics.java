package dev.casspool.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The meters of the README's metrics table (the one after {@code **Metrics**}), which the sample app must answer. */
final class ReadmeMetrics {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(cassandra\\.pool\\.[a-z.]+)`");

    private ReadmeMetrics() {
    }

    /** The meter names, in the table's order. */
    static List<String> meters() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int start = 0;
        while (!lines.get(start).startsWith("**Metrics**")) {
            start++;
        }
        while (!lines.get(start).startsWith("|")) {
            start++;
        }
        List<String> meters = new ArrayList<>();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            Matcher row = ROW.matcher(lines.get(i));
            if (row.find()) {
                meters.add(row.group(1));
            }
        }
        return meters;
    }
}
