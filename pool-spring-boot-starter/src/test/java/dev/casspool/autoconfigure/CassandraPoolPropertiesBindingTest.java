package dev.casspool.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.ConnectionPool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Binding of {@code cassandra.pool.*}: defaults, kebab-case, pycassa's underscore names, and durations written as
 * pycassa writes them. No Cassandra is needed: with {@code prefill=false} the pool is built without connecting.
 */
@Tag("boot-lines")
class CassandraPoolPropertiesBindingTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CassandraPoolAutoConfiguration.class))
            .withPropertyValues("cassandra.pool.keyspace=Keyspace1", "cassandra.pool.prefill=false");

    @Test
    void defaultsArePycassas() {
        runner.run(context -> {
            CassandraPoolProperties properties = context.getBean(CassandraPoolProperties.class);
            assertThat(properties.serverList()).containsExactly("localhost:9160");
            assertThat(properties.username()).isNull();
            assertThat(properties.password()).isNull();
            assertThat(properties.timeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(properties.useThreadlocal()).isTrue();
            assertThat(properties.poolSize()).isEqualTo(5);
            assertThat(properties.maxOverflow()).isZero();
            assertThat(properties.poolTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.recycle()).isEqualTo(10_000);
            assertThat(properties.maxRetries()).isEqualTo(5);
            assertThat(properties.retryCounterMutations()).isFalse();
            assertThat(properties.loggingName()).isNull();
            assertThat(properties.maxLifetime()).isNull();
            assertThat(properties.idleTimeout()).isNull();
            assertThat(properties.validateAfterIdle()).isEqualTo(Duration.ofSeconds(1));
            assertThat(properties.leakDetectionThreshold()).isNull();
            assertThat(properties.serverRetryInitialDelay()).isEqualTo(Duration.ofMillis(500));
            assertThat(properties.serverRetryMaxDelay()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void bindsKebabCaseKeys() {
        runner.withPropertyValues("cassandra.pool.server-list=127.0.0.1:9160,127.0.0.2:9161",
                "cassandra.pool.username=app", "cassandra.pool.password=secret", "cassandra.pool.timeout=2",
                "cassandra.pool.use-threadlocal=false", "cassandra.pool.pool-size=10", "cassandra.pool.max-overflow=5",
                "cassandra.pool.pool-timeout=3", "cassandra.pool.recycle=-1", "cassandra.pool.max-retries=-1",
                "cassandra.pool.retry-counter-mutations=true", "cassandra.pool.logging-name=kebab",
                "cassandra.pool.max-lifetime=30m", "cassandra.pool.idle-timeout=600",
                "cassandra.pool.validate-after-idle=-1",
                "cassandra.pool.leak-detection-threshold=2.5", "cassandra.pool.server-retry-initial-delay=0.1",
                "cassandra.pool.server-retry-max-delay=5").run(context -> {
                    CassandraPoolProperties properties = context.getBean(CassandraPoolProperties.class);
                    assertThat(properties.serverList()).containsExactly("127.0.0.1:9160", "127.0.0.2:9161");
                    assertThat(properties.username()).isEqualTo("app");
                    assertThat(properties.password()).isEqualTo("secret");
                    assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.useThreadlocal()).isFalse();
                    assertThat(properties.poolSize()).isEqualTo(10);
                    assertThat(properties.maxOverflow()).isEqualTo(5);
                    assertThat(properties.poolTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(properties.recycle()).isEqualTo(-1);
                    assertThat(properties.maxRetries()).isEqualTo(-1);
                    assertThat(properties.retryCounterMutations()).isTrue();
                    assertThat(properties.loggingName()).isEqualTo("kebab");
                    assertThat(properties.maxLifetime()).isEqualTo(Duration.ofMinutes(30));
                    assertThat(properties.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(properties.validateAfterIdle()).isEqualTo(Duration.ofSeconds(-1));
                    assertThat(properties.leakDetectionThreshold()).isEqualTo(Duration.ofMillis(2500));
                    assertThat(properties.serverRetryInitialDelay()).isEqualTo(Duration.ofMillis(100));
                    assertThat(properties.serverRetryMaxDelay()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(context).hasSingleBean(ConnectionPool.class);
                });
    }

    @Test
    void bindsPycassasUnderscoreKeys() {
        runner.withPropertyValues("cassandra.pool.server_list=127.0.0.1:9160", "cassandra.pool.pool_size=10",
                "cassandra.pool.max_overflow=5", "cassandra.pool.pool_timeout=30", "cassandra.pool.recycle=10000",
                "cassandra.pool.max_retries=5", "cassandra.pool.use_threadlocal=false",
                "cassandra.pool.logging_name=underscore").run(context -> {
                    CassandraPoolProperties properties = context.getBean(CassandraPoolProperties.class);
                    assertThat(properties.serverList()).containsExactly("127.0.0.1:9160");
                    assertThat(properties.poolSize()).isEqualTo(10);
                    assertThat(properties.maxOverflow()).isEqualTo(5);
                    assertThat(properties.poolTimeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(properties.recycle()).isEqualTo(10_000);
                    assertThat(properties.maxRetries()).isEqualTo(5);
                    assertThat(properties.useThreadlocal()).isFalse();
                    assertThat(properties.loggingName()).isEqualTo("underscore");
                });
    }

    @Test
    void bindsCamelCaseKeys() {
        runner.withPropertyValues("cassandra.pool.poolSize=7", "cassandra.pool.poolTimeout=250ms").run(context -> {
            CassandraPoolProperties properties = context.getBean(CassandraPoolProperties.class);
            assertThat(properties.poolSize()).isEqualTo(7);
            assertThat(properties.poolTimeout()).isEqualTo(Duration.ofMillis(250));
        });
    }

    /** YAML hands numbers to the binder as Integer and Double, not as strings: {@code timeout: 0.5} is a Double. */
    @Test
    void bindsPycassaStyleYaml() {
        runner.withInitializer(new ConfigDataApplicationContextInitializer())
                .withPropertyValues("spring.config.name=pycassa-style").run(context -> {
                    CassandraPoolProperties properties = context.getBean(CassandraPoolProperties.class);
                    assertThat(properties.keyspace()).isEqualTo("Keyspace1");
                    assertThat(properties.serverList()).containsExactly("127.0.0.1:9160", "127.0.0.2:9160");
                    assertThat(properties.poolSize()).isEqualTo(10);
                    assertThat(properties.maxOverflow()).isEqualTo(5);
                    assertThat(properties.poolTimeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(properties.timeout()).isEqualTo(Duration.ofMillis(500));
                    assertThat(properties.recycle()).isEqualTo(10_000);
                    assertThat(properties.maxRetries()).isEqualTo(5);
                    assertThat(properties.useThreadlocal()).isFalse();
                    assertThat(properties.prefill()).isFalse();
                    assertThat(properties.loggingName()).isEqualTo("from-yaml");
                });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "30, PT30S",
        "0.5, PT0.5S",
        ".25, PT0.25S",
        "1.5e1, PT15S",
        "-1, PT-1S",
        "0, PT0S",
        "30s, PT30S",
        "500ms, PT0.5S",
        "2m, PT2M",
        "PT1.5S, PT1.5S",
    })
    void readsDurationsAsPycassaDoes(String value, Duration expected) {
        runner.withPropertyValues("cassandra.pool.pool-timeout=" + value).run(context ->
                assertThat(context.getBean(CassandraPoolProperties.class).poolTimeout()).isEqualTo(expected));
    }

    @Test
    void reportsAnUnreadableDurationWithItsKey() {
        runner.withPropertyValues("cassandra.pool.pool-timeout=soon").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("Failed to bind properties under 'cassandra.pool.pool-timeout'")
                    .hasStackTraceContaining("'soon' is not a duration: use seconds (30, 0.5, -1), a number with a"
                            + " unit (500ms, 30s, 1m) or ISO-8601 (PT30S)");
        });
    }

    /** The converter is registered for binding, but must not change how other Duration properties read numbers. */
    @Test
    void leavesOtherDurationPropertiesToBoot() {
        runner.withUserConfiguration(OtherPropertiesConfiguration.class)
                .withPropertyValues("other.timeout=5", "cassandra.pool.timeout=5").run(context -> {
                    assertThat(context.getBean(OtherProperties.class).timeout()).isEqualTo(Duration.ofMillis(5));
                    assertThat(context.getBean(CassandraPoolProperties.class).timeout())
                            .isEqualTo(Duration.ofSeconds(5));
                });
        runner.withUserConfiguration(OtherPropertiesConfiguration.class).withPropertyValues("other.timeout=0.5")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void masksThePasswordInToString() {
        runner.withPropertyValues("cassandra.pool.username=app", "cassandra.pool.password=secret").run(context ->
                assertThat(context.getBean(CassandraPoolProperties.class).toString())
                        .contains("username=app").doesNotContain("secret"));
    }

    @Test
    void serverListAcceptsAYamlStyleIndexedList() {
        runner.withPropertyValues("cassandra.pool.server_list[0]=127.0.0.1:9160",
                "cassandra.pool.server_list[1]=127.0.0.2:9160").run(context ->
                assertThat(context.getBean(CassandraPoolProperties.class).serverList())
                        .isEqualTo(List.of("127.0.0.1:9160", "127.0.0.2:9160")));
    }

    @ConfigurationProperties("other")
    record OtherProperties(Duration timeout) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OtherProperties.class)
    static class OtherPropertiesConfiguration {
    }
}
