package dev.casspool.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.Authenticator;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What a user sees when the pool cannot start: Spring Boot's "APPLICATION FAILED TO START" report, produced by the
 * failure analyzers that {@code META-INF/spring.factories} registers, naming the {@code cassandra.pool.*} key, the
 * value and an action.
 */
@Tag("boot-lines")
@Tag("fault")
@EmbeddedCassandra(authenticator = Authenticator.PASSWORD)
@ExtendWith(OutputCaptureExtension.class)
class ConnectionPoolFailureAnalysisTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "cassandra.pool.pool-size=-1 | cassandra.pool.pool-size | pool-size must be at least 0, was -1.",
        "cassandra.pool.pool-size=0 | cassandra.pool.pool-size | pool-size must be at least 1 when maxOverflow is 0",
        "cassandra.pool.max_overflow=-2 | cassandra.pool.max-overflow | max-overflow must be at least -1",
        "cassandra.pool.recycle=-5 | cassandra.pool.recycle | recycle must be at least -1",
        "cassandra.pool.max-retries=-3 | cassandra.pool.max-retries | max-retries must be at least -1",
        "cassandra.pool.server-list=localhost:99999 | cassandra.pool.server-list | 65535, was \"localhost:99999\".",
        "cassandra.pool.timeout=0 | cassandra.pool.timeout | use -1 for no timeout.",
        "\"cassandra.pool.logging-name= \" | cassandra.pool.logging-name | logging-name must not be blank",
        "cassandra.pool.username=app | cassandra.pool.password | A password is required when",
        "cassandra.pool.max-lifetime=0 | cassandra.pool.max-lifetime | max-lifetime must be positive",
        "cassandra.pool.idle-timeout=-1 | cassandra.pool.idle-timeout | idle-timeout must be positive",
        "cassandra.pool.leak-detection-threshold=0 | cassandra.pool.leak-detection-threshold | must be positive",
        "cassandra.pool.server-retry-initial-delay=0 | cassandra.pool.server-retry-initial-delay | must be positive",
        "cassandra.pool.server-retry-max-delay=0.1 | cassandra.pool.server-retry-max-delay | must not be shorter than",
        "cassandra.pool.token-aware=true | cassandra.pool.token-aware | token-aware requires ringDiscovery(true)",
        "cassandra.pool.ring.refresh-interval=0 | cassandra.pool.ring.refresh-interval | must be positive",
    })
    void namesTheKeyOfAnInvalidValue(String property, String key, String reason, CapturedOutput output) {
        assertThatThrownBy(() -> run("--cassandra.pool.keyspace=Keyspace1", "--" + property)).isNotNull();

        assertThat(output).contains("APPLICATION FAILED TO START", "for configuration property '" + key + "'", reason,
                "Action:", "Review the value of the property");
    }

    /** Values that Spring Boot cannot even bind: its own analyzer names the key, the value and the target type. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cassandra.pool.pool-size=ten | cassandra.pool.pool-size | ten",
        "cassandra.pool.pool_timeout=soon | cassandra.pool.pool-timeout | soon",
        "cassandra.pool.prefill=maybe | cassandra.pool.prefill | maybe",
    })
    void namesTheKeyOfAValueThatDoesNotBind(String property, String key, String value, CapturedOutput output) {
        assertThatThrownBy(() -> run("--cassandra.pool.keyspace=Keyspace1", "--" + property)).isNotNull();

        assertThat(output).contains("APPLICATION FAILED TO START", "Failed to bind properties under '" + key + "'",
                "Value: \"" + value + "\"", "Action:");
    }

    /** The report of a duration that does not read says which forms do. */
    @Test
    void listsTheFormsADurationMayTake(CapturedOutput output) {
        assertThatThrownBy(() -> run("--cassandra.pool.keyspace=Keyspace1", "--cassandra.pool.timeout=half")).isNotNull();

        assertThat(output).contains("APPLICATION FAILED TO START", "cassandra.pool.timeout",
                "'half' is not a duration: use seconds (30, 0.5, -1), a number with a unit (500ms, 30s, 1m) or"
                        + " ISO-8601 (PT30S)");
    }

    @Test
    void namesTheMissingKeyspace(CapturedOutput output) {
        assertThatThrownBy(() -> run("--cassandra.pool.pool-size=1")).isNotNull();

        assertThat(output).contains("APPLICATION FAILED TO START",
                "for configuration property 'cassandra.pool.keyspace'", "keyspace is required", "Action:");
    }

    @Test
    void explainsThatNoServerAnswers(CapturedOutput output) {
        String nothingListens = TestCassandra.closedAddress();

        assertThatThrownBy(() -> run("--cassandra.pool.keyspace=Keyspace1",
                "--cassandra.pool.server-list=" + nothingListens)).isNotNull();

        assertThat(output).contains("APPLICATION FAILED TO START",
                "could not connect to any server of cassandra.pool.server-list", nothingListens,
                "Action:", "cassandra.pool.prefill=false");
    }

    @Test
    void explainsAnUnknownKeyspace(CassandraNode node, CapturedOutput output) {
        assertThatThrownBy(() -> runAgainst(node, "cassandra.pool.keyspace", "NoSuchKeyspace")).isNotNull();

        assertThat(output).contains("APPLICATION FAILED TO START", "Cassandra rejected the keyspace",
                "'NoSuchKeyspace'", "Action:", "Set cassandra.pool.keyspace to an existing keyspace");
    }

    @Test
    void explainsARefusedLoginWithoutShowingThePassword(CassandraNode node, CapturedOutput output) {
        assertThatThrownBy(() -> runAgainst(node, "cassandra.pool.password", "not-the-password")).isNotNull();

        assertThat(output).contains("APPLICATION FAILED TO START", "Cassandra refused the connection pool's login",
                "Action:", "Check cassandra.pool.username and cassandra.pool.password")
                .doesNotContain("not-the-password");
    }

    /** Runs against the node with one property changed. */
    private static void runAgainst(CassandraNode node, String key, String value) {
        run(Stream.concat(Stream.of(TestCassandra.poolProperties(node)).filter(p -> !p.startsWith(key + "=")),
                Stream.of(key + "=" + value)).map(property -> "--" + property).toArray(String[]::new));
    }

    private static void run(String... args) {
        SpringApplication application = new SpringApplication(PoolApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args).close();
    }


    @SpringBootConfiguration
    @ImportAutoConfiguration(CassandraPoolAutoConfiguration.class)
    static class PoolApplication {
    }
}
