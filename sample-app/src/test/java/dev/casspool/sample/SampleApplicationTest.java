package dev.casspool.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.casspool.ConnectionPool;
import dev.casspool.embedded.CassandraNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The sample application as a user runs it: no server list, so it starts its embedded node. Drives the REST
 * endpoints and Actuator over HTTP, then kills the node and brings it back. The context (and with it the node) is
 * closed after the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "cassandra.pool.timeout=10s")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleApplicationTest {

    private static final Duration NODE_PATIENCE = Duration.ofMinutes(2);

    @LocalServerPort
    private int port;

    @Autowired
    private CassandraNode node;

    @Autowired
    private ConnectionPool pool;

    private RestTestClient http;

    @BeforeEach
    void connect() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    @Order(1)
    void writesAndReadsARow() {
        http.put().uri("/columns/{key}", "row_key").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("col_name", "col_val")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.key").isEqualTo("row_key").jsonPath("$.timestamp").isNumber();

        http.get().uri("/columns/{key}", "row_key").exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"col_name\": \"col_val\"}");
    }

    @Test
    @Order(2)
    void answers404ForAMissingRow() {
        http.get().uri("/columns/{key}", "no_such_row").exchange().expectStatus().isNotFound();
    }

    @Test
    @Order(3)
    void showsThePoolInTheHealthEndpoint() {
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.cassandraPool.status").isEqualTo("UP")
                .jsonPath("$.components.cassandraPool.details.keyspace").isEqualTo("Keyspace1")
                .jsonPath("$.components.cassandraPool.details.servers['" + node.thriftAddress() + "'].status")
                .isEqualTo("UP")
                .jsonPath("$.components.cassandraPool.details.active").isNumber()
                .jsonPath("$.components.cassandraPool.details.idle").isNumber()
                .jsonPath("$.components.cassandraPool.details.overflow").isNumber()
                .jsonPath("$.components.cassandraPool.details.max").isEqualTo(10)
                .jsonPath("$.components.cassandraPool.details.pending").isEqualTo(0)
                .jsonPath("$.components.cassandraPool.details.version").isNotEmpty();
    }

    @Test
    @Order(4)
    void publishesThePoolMetrics() {
        http.get().uri("/actuator/metrics/cassandra.pool.connections.active").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("cassandra.pool.connections.active")
                .jsonPath("$.measurements[0].statistic").isEqualTo("VALUE")
                .jsonPath("$.measurements[0].value").isEqualTo(0.0)
                .jsonPath("$.availableTags[?(@.tag == 'pool')].values[0]").isEqualTo("sample");
        http.get().uri("/actuator/metrics/cassandra.pool.connections.acquire").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.measurements[?(@.statistic == 'COUNT')].value").isNotEmpty();
    }

    /**
     * A killed node: the health check itself finds it (no request needed) and reads DOWN, requests fail with 503; the
     * pool's background probe finds the restarted node, so health is UP again without any request.
     */
    @Test
    @Order(5)
    void followsTheNodeDownAndUpAgain() {
        node.kill();

        await().atMost(NODE_PATIENCE).untilAsserted(() -> http.get().uri("/actuator/health/cassandraPool")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.status").isEqualTo("DOWN").jsonPath("$.details.error").isNotEmpty());
        http.get().uri("/columns/{key}", "row_key").exchange().expectStatus().isEqualTo(503);

        node.restart();

        await().atMost(NODE_PATIENCE).untilAsserted(() -> http.get().uri("/actuator/health/cassandraPool")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP"));
        http.get().uri("/columns/{key}", "row_key").exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"col_name\": \"col_val\"}");
        assertThat(pool.serverStatuses()).allMatch(server -> server.up());
    }
}
