package dev.casspool.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The metadata that IDEs read to complete and document {@code cassandra.pool.*}: every key, described, with its
 * default. The processor merges the hand-written additional metadata into the generated file.
 */
class ConfigurationMetadataTest {

    private static final DocumentContext METADATA = read("META-INF/spring-configuration-metadata.json");

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", value = {
        "cassandra.pool.enabled, true",
        "cassandra.pool.keyspace, none",
        "cassandra.pool.server-list, localhost:9160",
        "cassandra.pool.username, none",
        "cassandra.pool.password, none",
        "cassandra.pool.timeout, 500ms",
        "cassandra.pool.use-threadlocal, true",
        "cassandra.pool.pool-size, 5",
        "cassandra.pool.max-overflow, 0",
        "cassandra.pool.pool-timeout, 30s",
        "cassandra.pool.recycle, 10000",
        "cassandra.pool.max-retries, 5",
        "cassandra.pool.retry-counter-mutations, false",
        "cassandra.pool.prefill, true",
        "cassandra.pool.logging-name, none",
        "cassandra.pool.max-lifetime, none",
        "cassandra.pool.idle-timeout, none",
        "cassandra.pool.validate-after-idle, 1s",
        "cassandra.pool.leak-detection-threshold, none",
        "cassandra.pool.server-retry-initial-delay, 500ms",
        "cassandra.pool.server-retry-max-delay, 10s",
        "cassandra.pool.ssl.enabled, none",
        "cassandra.pool.ssl.bundle, none",
        "cassandra.pool.ssl.verify-hostname, true",
        "cassandra.pool.pools, none",
        "management.health.cassandrapool.enabled, true",
    })
    void describesEveryKeyWithItsDefault(String name, String defaultValue) {
        Map<String, Object> property = property(name);
        assertThat((String) property.get("description")).isNotBlank().doesNotStartWith("The ");
        Object actualDefault = property.get("defaultValue");
        if (defaultValue == null) {
            assertThat(actualDefault).isNull();
        } else {
            assertThat(actualDefault instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf)
                    .toList()) : String.valueOf(actualDefault)).isEqualTo(defaultValue);
        }
    }

    @Test
    void saysThatBareDurationsAreSeconds() {
        assertThat(property("cassandra.pool.timeout")).containsEntry("type", "java.time.Duration")
                .extractingByKey("description").asString().contains("bare number is in seconds");
        assertThat(property("cassandra.pool.pool-timeout")).containsEntry("type", "java.time.Duration")
                .extractingByKey("description").asString().contains("bare number is in seconds");
    }

    /** IDEs read the pools' keys from the type of the map's values: the same settings as the top level. */
    @Test
    void typesEachNamedPoolWithTheTopLevelSettings() {
        assertThat(property("cassandra.pool.pools")).containsEntry("type",
                "java.util.Map<java.lang.String,dev.casspool.autoconfigure.CassandraPoolProperties>");
    }

    private static Map<String, Object> property(String name) {
        List<Map<String, Object>> matches = METADATA.read("$.properties[?(@.name == '" + name + "')]");
        assertThat(matches).as("entries for %s", name).hasSize(1);
        return matches.get(0);
    }

    private static DocumentContext read(String resource) {
        try (InputStream in = ConfigurationMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JsonPath.parse(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
