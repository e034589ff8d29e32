package dev.casspool.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.casspool.ConnectionPool;
import dev.casspool.embedded.Authenticator;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.exporter.FinishedSpan;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The sample application as a user runs it, against a node that {@code @EmbeddedCassandra} starts and supplies as the
 * pools' servers and login (password authentication, so that there is a password to keep out of Actuator). Drives the
 * REST endpoints and Actuator over HTTP (with the JDK's client, the same on every Boot line): every meter of the
 * README from the first scrape, the Thrift calls as client spans of their requests, the Grafana dashboard against
 * {@code /actuator/prometheus}; then kills the node and brings it back.
 *
 * <p>Spring Boot's tests switch metrics export and tracing off unless told otherwise: Boot 3.5 by
 * {@code spring.test.observability.auto-configure}, Boot 4 (when its metrics and tracing test modules are present) by
 * {@code spring.test.metrics.export} and {@code spring.test.tracing.export}.
 */
@Tag("boot-lines")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "cassandra.pool.timeout=10s",
    "cassandra.pool.pools.audit.username=" + Authenticator.SUPERUSER,
    "cassandra.pool.pools.audit.password=" + Authenticator.SUPERUSER_PASSWORD,
    "management.endpoints.web.exposure.include=health,metrics,prometheus,configprops,env",
    "spring.test.observability.auto-configure=true",
    "spring.test.metrics.export=true",
    "spring.test.tracing.export=true",
    "management.endpoint.configprops.show-values=always",
    "management.endpoint.env.show-values=always"})
@EmbeddedCassandra(authenticator = Authenticator.PASSWORD)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleApplicationTest {

    private static final Duration NODE_PATIENCE = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MASKED = "******";
    /** A dashboard variable in a query, such as {@code $pool}; Grafana's own ({@code $__rate_interval}) aside. */
    private static final Pattern VARIABLE = Pattern.compile("\\$(?!__)(\\w+)");

    @LocalServerPort
    private int port;

    @Autowired
    @Qualifier("columns")
    private ConnectionPool columns;

    @Autowired
    private RecentSpans spans;

    @BeforeAll
    static void createSchema(CassandraNode node) {
        SampleSchema.create(node);
    }

    /** Before any request: every meter of the README's table is there, and counts what prefill opened. */
    @Test
    @Order(0)
    void answersEveryMeterOfTheReadmesTableFromTheFirstScrape(CassandraNode node) throws Exception {
        String scrape = text("/actuator/prometheus");
        List<String> meters = ReadmeMetrics.meters();
        assertThat(meters).hasSizeGreaterThanOrEqualTo(20).contains("cassandra.pool.connections.created");
        for (String meter : meters) {
            assertThat(get("/actuator/metrics/" + meter + "?tag=pool:columns").status()).as(meter).isEqualTo(200);
            assertThat(scrape).as(meter).containsPattern("(?m)^" + Pattern.quote(prometheusName(meter))
                    + "(_total|_seconds_count)?\\{[^}]*pool=\"columns\"");
        }
        Response created = get("/actuator/metrics/cassandra.pool.connections.created?tag=pool:columns&tag=server:"
                + node.thriftAddress());
        assertThat(created.json().read("$.measurements[0].value", Double.class)).as("prefilled").isEqualTo(5);
    }

    @Test
    @Order(1)
    void writesAndReadsARowAndItsAuditTrailInTwoKeyspaces() throws Exception {
        Response written = send(HttpRequest.newBuilder(uri("/columns/row_key"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"col_name\": \"col_val\"}")));
        assertThat(written.status()).isEqualTo(200);
        assertThat(written.json().read("$.key", String.class)).isEqualTo("row_key");
        long timestamp = written.json().read("$.timestamp", Long.class);
        assertThat(timestamp).isPositive();

        Response read = get("/columns/row_key");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().<Map<String, Object>>read("$")).isEqualTo(Map.of("col_name", "col_val"));

        Response writes = get("/columns/row_key/writes");
        assertThat(writes.status()).isEqualTo(200);
        assertThat(writes.json().<Map<String, Object>>read("$"))
                .isEqualTo(Map.of(Long.toString(timestamp), "col_name"));
    }

    @Test
    @Order(2)
    void answers404ForAMissingRow() throws Exception {
        assertThat(get("/columns/no_such_row").status()).isEqualTo(404);
        assertThat(get("/columns/no_such_row/writes").status()).isEqualTo(404);
    }

    /** A Thrift call is an observation: a client span in its request's trace, and a timer per Thrift method. */
    @Test
    @Order(3)
    void aThriftCallIsAClientSpanOfItsRequestAndIsTimed(CassandraNode node) throws Exception {
        assertThat(get("/columns/row_key").status()).isEqualTo(200);

        await().atMost(NODE_PATIENCE).untilAsserted(() -> {
            FinishedSpan call = last(span -> span.getName()
                    .equalsIgnoreCase("get_slice " + SampleSchema.COLUMNS_KEYSPACE));
            FinishedSpan request = last(span -> span.getKind() == Span.Kind.SERVER
                    && span.getTraceId().equals(call.getTraceId()));
            assertThat(call.getKind()).isEqualTo(Span.Kind.CLIENT);
            assertThat(call.getParentId()).isEqualTo(request.getSpanId());
            assertThat(call.getRemoteServiceName()).isEqualTo("cassandra");
            assertThat(call.getTags()).containsEntry("db.system.name", "cassandra")
                    .containsEntry("db.operation.name", "get_slice")
                    .containsEntry("db.namespace", SampleSchema.COLUMNS_KEYSPACE)
                    .containsEntry("server.address", "127.0.0.1")
                    .containsEntry("server.port", Integer.toString(node.thriftPort()))
                    .containsEntry("outcome", "SUCCESS")
                    .containsEntry("error.type", "none");
        });
        assertThat(PrometheusScrape.hasSample(text("/actuator/prometheus"), "cassandra_pool_operation_seconds_count",
                "db_operation_name", "get_slice")).isTrue();
    }

    @Test
    @Order(4)
    void showsEachPoolInTheHealthEndpoint(CassandraNode node) throws Exception {
        Response health = get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        DocumentContext json = health.json();
        assertThat(json.read("$.status", String.class)).isEqualTo("UP");
        assertThat(json.read("$.components.cassandraPool.status", String.class)).isEqualTo("UP");
        assertThat(json.<Map<String, Object>>read("$.components.cassandraPool.components.columns.details"))
                .containsEntry("keyspace", SampleSchema.COLUMNS_KEYSPACE).containsEntry("max", 10)
                .containsEntry("pending", 0).containsKeys("active", "idle", "overflow", "version");
        assertThat(json.<Map<String, Object>>read("$.components.cassandraPool.components.audit.details"))
                .containsEntry("keyspace", SampleSchema.AUDIT_KEYSPACE).containsEntry("max", 4);
        assertThat(json.read("$.components.cassandraPool.components.audit.details.servers['"
                + node.thriftAddress() + "'].status", String.class)).isEqualTo("UP");
    }

    @Test
    @Order(5)
    void publishesThePoolMetricsTaggedWithThePoolNames() throws Exception {
        Response active = get("/actuator/metrics/cassandra.pool.connections.active");
        assertThat(active.status()).isEqualTo(200);
        assertThat(active.json().read("$.name", String.class)).isEqualTo("cassandra.pool.connections.active");
        assertThat(active.json().read("$.measurements[0].statistic", String.class)).isEqualTo("VALUE");
        assertThat(active.json().read("$.measurements[0].value", Double.class)).isZero();
        assertThat(active.json().<List<List<String>>>read("$.availableTags[?(@.tag == 'pool')].values"))
                .singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder("columns", "audit");

        Response idle = get("/actuator/metrics/cassandra.pool.connections.idle?tag=pool:audit");
        assertThat(idle.json().read("$.measurements[0].value", Double.class)).isEqualTo(2);
    }

    /**
     * Every metric and label that {@code dashboards/casspool-grafana.json} queries is one the app exports, so that the
     * dashboard cannot rot; and it has the panels an operator looks for.
     */
    @Test
    @Order(6)
    void theDashboardQueriesOnlyMetricsAndLabelsTheAppExports() throws Exception {
        PrometheusScrape scrape = new PrometheusScrape(text("/actuator/prometheus"));
        GrafanaDashboard dashboard = new GrafanaDashboard();

        assertThat(dashboard.panelTitles()).contains("Connections by state", "Threads waiting for a connection",
                "Acquire time", "Usage time", "Failures per server", "Retries per server",
                "Servers marked down and up",                "Calls per second by Thrift method", "p50 by Thrift method", "p99 by Thrift method");
        assertThat(dashboard.queries()).hasSizeGreaterThan(20).allSatisfy(query -> {
            assertThat(query.metrics()).as(query.expression()).isNotEmpty();
            assertThat(scrape.metrics()).as(query.expression()).containsAll(query.metrics());
            Set<String> exported = query.metrics().stream().flatMap(metric -> scrape.labels(metric).stream())
                    .collect(Collectors.toSet());
            assertThat(exported).as(query.expression()).containsAll(query.labels());
            Matcher variable = VARIABLE.matcher(query.expression());
            while (variable.find()) {
                assertThat(dashboard.variables()).as(query.expression()).contains(variable.group(1));
            }
        });
    }

    /** show-values: always shows every value but the passwords, wherever they were set. */
    @Test
    @Order(7)
    void keepsThePasswordsOutOfConfigpropsAndEnv() throws Exception {
        Response configprops = get("/actuator/configprops");
        assertThat(configprops.status()).isEqualTo(200);
        List<Map<String, Object>> bound = configprops.json()
                .read("$.contexts.*.beans['cassandra.pool-dev.casspool.autoconfigure.CassandraPoolProperties'].properties");
        assertThat(bound).hasSize(1);
        DocumentContext pool = JsonPath.parse(bound.get(0));
        assertThat(pool.read("$.username", String.class)).isEqualTo(Authenticator.SUPERUSER);
        assertThat(pool.read("$.password", String.class)).isEqualTo(MASKED);
        assertThat(pool.read("$.pools.columns.password", String.class)).isEqualTo(MASKED);
        assertThat(pool.read("$.pools.audit.password", String.class)).isEqualTo(MASKED);

        DocumentContext env = get("/actuator/env").json();
        assertThat(env.<List<String>>read("$.propertySources[?(@.name == 'embeddedCassandra')]"
                + ".properties['cassandra.pool.password'].value")).containsExactly(MASKED);
        assertThat(env.<List<String>>read("$.propertySources[?(@.name == 'embeddedCassandra')]"
                + ".properties['cassandra.pool.username'].value")).containsExactly(Authenticator.SUPERUSER);
        assertThat(env.<List<String>>read("$.propertySources[*].properties['cassandra.pool.pools.audit.password']"
                + ".value")).containsExactly(MASKED);
        assertThat(get("/actuator/env/cassandra.pool.password").json().read("$.property.value", String.class))
                .isEqualTo(MASKED);
    }

    /**
     * A killed node: the health check itself finds it (no request needed) and reads DOWN, requests fail with 503; the
     * pools' background probes find the restarted node, so health is UP again without any request.
     */
    @Test
    @Order(8)
    void followsTheNodeDownAndUpAgain(CassandraNode node) throws Exception {
        node.kill();

        await().atMost(NODE_PATIENCE).untilAsserted(() -> {
            Response health = get("/actuator/health/cassandraPool/columns");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().read("$.status", String.class)).isEqualTo("DOWN");
            assertThat(health.json().read("$.details.error", String.class)).isNotEmpty();
        });
        assertThat(get("/columns/row_key").status()).isEqualTo(503);

        node.restart();

        await().atMost(NODE_PATIENCE).untilAsserted(() -> {
            Response health = get("/actuator/health/cassandraPool");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().read("$.status", String.class)).isEqualTo("UP");
        });
        Response read = get("/columns/row_key");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().<Map<String, Object>>read("$")).isEqualTo(Map.of("col_name", "col_val"));
        assertThat(columns.serverStatuses()).allMatch(server -> server.up());
    }

    /**
     * A meter's name in Prometheus, before its type's suffix: dots become underscores, and a {@code _created} at the end
     * goes, as Prometheus keeps that suffix for the creation time of counters ({@code cassandra.pool.connections.created}
     * is {@code cassandra_pool_connections_total}).
     */
    private static String prometheusName(String meter) {
        return meter.replace('.', '_').replaceFirst("_created$", "");
    }

    /** The last span reported that {@code wanted} accepts. */
    private FinishedSpan last(Predicate<FinishedSpan> wanted) {
        return spans.spans().stream().filter(wanted).reduce((earlier, later) -> later).orElseThrow();
    }

    private String text(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(NODE_PATIENCE).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(NODE_PATIENCE).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JsonPath.parse(response.body()));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A response: its status and its JSON body. */
    private record Response(int status, DocumentContext json) {
    }
}
