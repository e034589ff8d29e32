package dev.casspool.sample;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The queries of {@code dashboards/casspool-grafana.json}: the metrics each names, and the labels it selects or groups
 * by, so that a test can hold them against what the sample app exports.
 */
final class GrafanaDashboard {

    /** The dashboard, from the repository root (tests run in the module's directory). */
    static final Path FILE = Path.of("..", "dashboards", "casspool-grafana.json");

    private static final Pattern METRIC = Pattern.compile("\\b(cassandra_[a-z0-9_]+)");
    private static final Pattern SELECTED_LABEL = Pattern.compile("[{,]\\s*([a-z_]+)\\s*(?:=~|!~|!=|=)");
    private static final Pattern GROUPED_LABELS = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");
    private static final Pattern VALUES_OF_LABEL = Pattern.compile("label_values\\([^,]*,\\s*([a-z_]+)\\s*\\)");

    /** One query: its expression, the metrics it names and the labels it uses. */
    record Query(String expression, Set<String> metrics, Set<String> labels) {
    }

    private final DocumentContext json;

    GrafanaDashboard() throws IOException {
        this.json = JsonPath.parse(Files.readString(FILE));
    }

    /** Every panel's title. */
    List<String> panelTitles() {
        return json.read("$.panels[?(@.type != 'row')].title");
    }

    /** Every query of the dashboard: the panels' and the template variables'. */
    List<Query> queries() {
        List<String> expressions = new ArrayList<>(json.<List<String>>read("$.panels[*].targets[*].expr"));
        List<Map<String, Object>> variables = json.read("$.templating.list[?(@.type == 'query')].query");
        variables.forEach(variable -> expressions.add((String) variable.get("query")));
        return expressions.stream().map(GrafanaDashboard::query).toList();
    }

    /** The names of the template variables. */
    List<String> variables() {
        return json.read("$.templating.list[*].name");
    }

    private static Query query(String expression) {
        Set<String> metrics = new TreeSet<>();
        Matcher metric = METRIC.matcher(expression);
        while (metric.find()) {
            metrics.add(metric.group(1));
        }
        Set<String> labels = new TreeSet<>();
        Matcher selected = SELECTED_LABEL.matcher(expression);
        while (selected.find()) {
            labels.add(selected.group(1));
        }
        Matcher valuesOf = VALUES_OF_LABEL.matcher(expression);
        while (valuesOf.find()) {
            labels.add(valuesOf.group(1));
        }
        Matcher grouped = GROUPED_LABELS.matcher(expression);
        while (grouped.find()) {
            for (String label : grouped.group(1).split(",")) {
                labels.add(label.trim());
            }
        }
        return new Query(expression, metrics, labels);
    }
}
