package dev.casspool.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.casspool.ConnectionPool;
import dev.casspool.embedded.CassandraNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The sample application as a user runs it: no server list, so it starts its embedded node. Drives the REST
 * endpoints and Actuator over HTTP (with the JDK's client, the same on every Boot line), then kills the node and
 * brings it back. The context (and with it the node) is closed after the class.
 */
@Tag("boot-lines")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "cassandra.pool.timeout=10s")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleApplicationTest {

    private static final Duration NODE_PATIENCE = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private CassandraNode node;

    @Autowired
    private ConnectionPool pool;

    @Test
    @Order(1)
    void writesAndReadsARow() throws Exception {
        Response written = send(HttpRequest.newBuilder(uri("/columns/row_key"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"col_name\": \"col_val\"}")));
        assertThat(written.status()).isEqualTo(200);
        assertThat(written.json().read("$.key", String.class)).isEqualTo("row_key");
        assertThat(written.json().read("$.timestamp", Long.class)).isPositive();

        Response read = get("/columns/row_key");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().<Map<String, Object>>read("$")).isEqualTo(Map.of("col_name", "col_val"));
    }

    @Test
    @Order(2)
    void answers404ForAMissingRow() throws Exception {
        assertThat(get("/columns/no_such_row").status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void showsThePoolInTheHealthEndpoint() throws Exception {
        Response health = get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        DocumentContext json = health.json();
        assertThat(json.read("$.status", String.class)).isEqualTo("UP");
        assertThat(json.read("$.components.cassandraPool.status", String.class)).isEqualTo("UP");
        assertThat(json.<Map<String, Object>>read("$.components.cassandraPool.details"))
                .containsEntry("keyspace", "Keyspace1").containsEntry("max", 10).containsEntry("pending", 0)
                .containsKeys("active", "idle", "overflow", "version");
        assertThat(json.read("$.components.cassandraPool.details.servers['" + node.thriftAddress() + "'].status",
                String.class)).isEqualTo("UP");
    }

    @Test
    @Order(4)
    void publishesThePoolMetrics() throws Exception {
        Response active = get("/actuator/metrics/cassandra.pool.connections.active");
        assertThat(active.status()).isEqualTo(200);
        assertThat(active.json().read("$.name", String.class)).isEqualTo("cassandra.pool.connections.active");
        assertThat(active.json().read("$.measurements[0].statistic", String.class)).isEqualTo("VALUE");
        assertThat(active.json().read("$.measurements[0].value", Double.class)).isZero();
        assertThat(active.json().<List<String>>read("$.availableTags[?(@.tag == 'pool')].values[0]"))
                .containsExactly("sample");

        Response acquire = get("/actuator/metrics/cassandra.pool.connections.acquire");
        assertThat(acquire.status()).isEqualTo(200);
        assertThat(acquire.json().<List<Double>>read("$.measurements[?(@.statistic == 'COUNT')].value"))
                .isNotEmpty();
    }

    /**
     * A killed node: the health check itself finds it (no request needed) and reads DOWN, requests fail with 503; the
     * pool's background probe finds the restarted node, so health is UP again without any request.
     */
    @Test
    @Order(5)
    void followsTheNodeDownAndUpAgain() throws Exception {
        node.kill();

        await().atMost(NODE_PATIENCE).untilAsserted(() -> {
            Response health = get("/actuator/health/cassandraPool");
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
        assertThat(pool.serverStatuses()).allMatch(server -> server.up());
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
