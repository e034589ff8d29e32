package dev.casspool.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an {@code /actuator/prometheus} scrape holds: each sample's metric name (as Prometheus queries name it:
 * {@code _total}, {@code _bucket}, ... included) with the label names its samples carry.
 */
final class PrometheusScrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    private final Map<String, Set<String>> labelsByMetric = new LinkedHashMap<>();

    PrometheusScrape(String text) {
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Set<String> labels = labelsByMetric.computeIfAbsent(sample.group(1), name -> new TreeSet<>());
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
    }

    /** The metric names of the scrape. */
    Set<String> metrics() {
        return labelsByMetric.keySet();
    }

    /** The label names of {@code metric}'s samples, or an empty set when the scrape has none of it. */
    Set<String> labels(String metric) {
        return labelsByMetric.getOrDefault(metric, Set.of());
    }

    /** Whether the scrape {@code text} has a sample of {@code metric} whose labels include {@code label="value"}. */
    static boolean hasSample(String text, String metric, String label, String value) {
        return Pattern.compile("^" + Pattern.quote(metric) + "\\{[^}]*" + Pattern.quote(label + "=\"" + value + "\""),
                Pattern.MULTILINE).matcher(text).find();
    }
}
