package dev.casspool.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadSettingsTest {

    @Test
    void defaultsMeasureTheTargetThreadCounts() {
        LoadSettings settings = LoadSettings.parse();

        assertThat(settings.threadCounts()).containsExactly(1, 4, 16);
        assertThat(settings.workload()).isEqualTo(Workload.GET);
        assertThat(settings.address()).isNull();
        assertThat(settings.pool()).isEqualTo(PoolOptions.DEFAULTS);
        assertThat(settings.pool().describe()).isEqualTo("the builder's defaults");
        assertThat(settings.virtualThreads()).isZero();
    }

    @Test
    void readsEveryOption() {
        LoadSettings settings = LoadSettings.parse("--threads", "2,8", "--seconds", "3", "--rounds", "7",
                "--warmup", "1", "--op", "insert", "--address", "127.0.0.1:9160", "--keyspace", "ks",
                "--pool-size", "8", "--recycle", "-1", "--thread-local", "false", "--validate-after-idle", "500ms",
                "--virtual-threads", "1000");

        assertThat(settings.threadCounts()).containsExactly(2, 8);
        assertThat(settings.roundLength()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.rounds()).isEqualTo(7);
        assertThat(settings.warmup()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.workload()).isEqualTo(Workload.INSERT);
        assertThat(settings.address()).isEqualTo("127.0.0.1:9160");
        assertThat(settings.keyspace()).isEqualTo("ks");
        assertThat(settings.pool()).isEqualTo(new PoolOptions(8, -1, false, Duration.ofMillis(500)));
        assertThat(settings.pool().describe())
                .isEqualTo("defaults but poolSize 8, recycle -1, useThreadLocal false, validateAfterIdle PT0.5S");
        assertThat(settings.virtualThreads()).isEqualTo(1000);
    }

    @Test
    void validationCanBeTurnedOffOrMadeConstant() {
        assertThat(LoadSettings.parse("--validate-after-idle", "none").pool().validateAfterIdle())
                .isSameAs(PoolOptions.NEVER);
        assertThat(LoadSettings.parse("--validate-after-idle", "0").pool().validateAfterIdle())
                .isEqualTo(Duration.ZERO);
        assertThat(LoadSettings.parse("--validate-after-idle", "2s").pool().validateAfterIdle())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void namesTheBadOption() {
        assertThatThrownBy(() -> LoadSettings.parse("--rounds", "0")).hasMessageContaining("--rounds");
        assertThatThrownBy(() -> LoadSettings.parse("--op", "scan")).hasMessageContaining("--op");
        assertThatThrownBy(() -> LoadSettings.parse("--threads")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LoadSettings.parse("--color", "red")).hasMessageContaining("--color");
        assertThatThrownBy(() -> LoadSettings.parse("--recycle", "-2")).hasMessageContaining("--recycle");
        assertThatThrownBy(() -> LoadSettings.parse("--thread-local", "yes")).hasMessageContaining("--thread-local");
        assertThatThrownBy(() -> LoadSettings.parse("--validate-after-idle", "soon"))
                .hasMessageContaining("--validate-after-idle");
    }

    @Test
    void refusesToLoadAnotherMachine() {
        assertThatThrownBy(() -> LoadTarget.existing("192.0.2.1:9160", "ks")).hasMessageContaining("loopback");
    }
}
