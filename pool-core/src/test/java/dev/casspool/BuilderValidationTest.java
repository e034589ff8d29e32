package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad builder input fails in build(), naming the setting and the bad value; nothing is connected before that. */
@Tag("fault")
class BuilderValidationTest {

    /** A valid builder that never connects (no prefill), so that only the setting under test can fail. */
    private static ConnectionPool.Builder valid() {
        return ConnectionPool.builder().keyspace("Keyspace1").serverList("127.0.0.1:9160").prefill(false);
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                invalid("negative poolSize", b -> b.poolSize(-1), "poolSize", "-1"),
                invalid("maxOverflow below -1", b -> b.maxOverflow(-2), "maxOverflow", "-2"),
                invalid("recycle below -1", b -> b.recycle(-5), "recycle", "-5"),
                invalid("maxRetries below -1", b -> b.maxRetries(-3), "maxRetries", "-3"),
                invalid("missing keyspace", b -> b.keyspace(null), "keyspace", "null"),
                invalid("blank keyspace", b -> b.keyspace("  "), "keyspace", "\"  \""),
                invalid("empty server list", b -> b.serverList(List.of()), "serverList", "[]"),
                invalid("null server list", b -> b.serverList((List<String>) null), "serverList", "null"),
                invalid("missing port", b -> b.serverList("host:"), "serverList", "\"host:\""),
                invalid("port not a number", b -> b.serverList("host:abc"), "serverList", "'abc'"),
                invalid("port zero", b -> b.serverList("host:0"), "serverList", "\"host:0\""),
                invalid("port too large", b -> b.serverList("host:70000"), "serverList", "70000"),
                invalid("blank entry", b -> b.serverList("a:9160", " "), "serverList", "\" \""),
                invalid("empty host", b -> b.serverList(":9160"), "serverList", "\":9160\""),
                invalid("bad entry from a supplier", b -> b.serverList(() -> List.of("host:x")), "serverList",
                        "\"host:x\""),
                invalid("zero timeout", b -> b.timeout(Duration.ZERO), "timeout", "PT0S"),
                invalid("negative timeout", b -> b.timeout(Duration.ofSeconds(-1)), "timeout", "PT-1S"),
                invalid("null poolTimeout", b -> b.poolTimeout(null), "poolTimeout", "null"),
                invalid("blank loggingName", b -> b.loggingName(""), "loggingName", "\"\""),
                invalid("zero maxLifetime", b -> b.maxLifetime(Duration.ZERO), "maxLifetime", "PT0S"),
                invalid("negative idleTimeout", b -> b.idleTimeout(Duration.ofMillis(-1)), "idleTimeout", "PT-0.001S"),
                invalid("negative validateAfterIdle", b -> b.validateAfterIdle(Duration.ofSeconds(-2)),
                        "validateAfterIdle", "PT-2S"),
                invalid("zero leakDetectionThreshold", b -> b.leakDetectionThreshold(Duration.ZERO),
                        "leakDetectionThreshold", "PT0S"),
                invalid("null socketFactory", b -> b.socketFactory(null), "socketFactory", "null"),
                invalid("server retry delays reversed", b -> b.serverRetryInitialDelay(Duration.ofSeconds(5))
                        .serverRetryMaxDelay(Duration.ofSeconds(1)), "serverRetryMaxDelay", "PT1S"),
                invalid("no connection ever", b -> b.poolSize(0).maxOverflow(0), "poolSize", "0"),
                invalid("null server list supplier", b -> b.serverList((Supplier<List<String>>) null), "serverList",
                        "null"),
                invalid("credentials without a password", b -> b.credentials("user", null), "credentials",
                        "'password'"),
                invalid("credentials without a username", b -> b.credentials(null, "secret"), "credentials",
                        "'username'"),
                invalid("credentials with a null entry", b -> b.credentials(nullUsername()), "credentials",
                        "'username'"),
                invalid("null listener", b -> b.listener(null), "listener", "null"));
    }

    private static Map<String, String> nullUsername() {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("username", null);
        return withNull;
    }

    private static Arguments invalid(String name, UnaryOperator<ConnectionPool.Builder> change, String setting,
                                     String value) {
        return Arguments.of(name, change, setting, value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void buildNamesTheSettingAndTheValue(String name, UnaryOperator<ConnectionPool.Builder> change, String setting,
                                         String value) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo(setting);
                    assertThat(e.reason()).isNotBlank();
                    assertThat(e.getMessage()).startsWith(setting + " " + e.reason());
                })
                .hasMessageContaining(value);
    }

    /** As the API contract says: validation happens in build(), not in the setters. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void settersTakeAnyValueAndLeaveTheCheckToBuild(String name, UnaryOperator<ConnectionPool.Builder> change,
                                                     String setting, String value) {
        assertThatCode(() -> change.apply(valid())).doesNotThrowAnyException();
    }

    @Test
    void credentialsErrorsNeverShowThePassword() {
        assertThatThrownBy(() -> valid().credentials(null, "secret").build())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("username")
                .hasMessageNotContaining("secret");
    }

    @Test
    void credentialsAreCopiedWhenGiven() {
        Map<String, String> credentials = new HashMap<>(Map.of("username", "alice", "password", "s3cret-pw"));
        ConnectionPool.Builder builder = valid().credentials(credentials);
        credentials.put("username", null);
        try (ConnectionPool pool = builder.build()) {
            assertThat(pool.isClosed()).isFalse();
        }
    }

    @Test
    void defaultsArePycassas() {
        try (ConnectionPool pool = ConnectionPool.builder().keyspace("Keyspace1").prefill(false).build()) {
            assertThat(pool.serverList()).containsExactly("localhost:9160");
            assertThat(pool.size()).isEqualTo(5);
            assertThat(pool.maxConnections()).isEqualTo(5);
            assertThat(pool.keyspace()).isEqualTo("Keyspace1");
            assertThat(pool.checkedIn()).isZero();
            assertThat(pool.checkedOut()).isZero();
            assertThat(pool.overflow()).isZero();
        }
    }

    @Test
    void portDefaultsTo9160AndIpv6HostsTakeBrackets() {
        try (ConnectionPool pool = valid().serverList("cassandra1", "[::1]:9161", "[::1]").build()) {
            assertThat(pool.serverList()).containsExactlyInAnyOrder("cassandra1:9160", "[::1]:9161", "[::1]:9160");
        }
        assertThatThrownBy(() -> valid().serverList("::1:9160").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("brackets");
    }

    @Test
    void serverListIsShuffledAndAllowsDuplicates() {
        List<String> servers = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            servers.add("host" + i + ":9160");
        }
        servers.add("host1:9160");
        try (ConnectionPool pool = valid().serverList(servers).build()) {
            assertThat(pool.serverList()).containsExactlyInAnyOrderElementsOf(servers);
            // 21 entries come out in the given order once in 21! shuffles: never, in practice.
            assertThat(pool.serverList()).isNotEqualTo(servers);
        }
    }

    @Test
    void setServerListValidatesWhatTheSupplierGives() {
        try (ConnectionPool pool = valid().build()) {
            assertThatThrownBy(() -> pool.setServerList(() -> List.of("good:9160", "bad:99999")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad:99999");
            assertThat(pool.serverList()).containsExactly("127.0.0.1:9160");
            pool.setServerList(() -> List.of("other:9161"));
            assertThat(pool.serverList()).containsExactly("other:9161");
        }
    }

    @Test
    void loggingNamesAreShortUniqueAndUsedAsPoolId() {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool first = valid().listener(events).build();
             ConnectionPool second = valid().build();
             ConnectionPool named = valid().loggingName("orders").build()) {
            assertThat(first.loggingName()).matches("casspool-\\d+").isNotEqualTo(second.loggingName());
            assertThat(named.loggingName()).isEqualTo("orders");
            assertThat(events.all()).isNotEmpty().allSatisfy(
                    recorded -> assertThat(recorded.event().poolId()).isEqualTo(first.loggingName()));
        }
    }

    @Test
    void passwordAppearsInNoMessageOrString() {
        ConnectionPool.Builder builder = valid().credentials("alice", "s3cret-pw").poolSize(-1);
        assertThatThrownBy(builder::build).hasMessageNotContaining("s3cret-pw");
        try (ConnectionPool pool = valid().credentials("alice", "s3cret-pw").build()) {
            assertThat(pool.toString()).doesNotContain("s3cret-pw");
        }
    }
}
