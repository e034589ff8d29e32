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
        assertThat(settings.useThreadLocal()).isTrue();
    }

    @Test
    void readsEveryOption() {
        LoadSettings settings = LoadSettings.parse("--threads", "2,8", "--seconds", "3", "--rounds", "7",
                "--warmup", "1", "--op", "insert", "--address", "127.0.0.1:9160", "--keyspace", "ks",
                "--thread-local", "false");

        assertThat(settings.threadCounts()).containsExactly(2, 8);
        assertThat(settings.roundLength()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.rounds()).isEqualTo(7);
        assertThat(settings.warmup()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.workload()).isEqualTo(Workload.INSERT);
        assertThat(settings.address()).isEqualTo("127.0.0.1:9160");
        assertThat(settings.keyspace()).isEqualTo("ks");
        assertThat(settings.useThreadLocal()).isFalse();
    }

    @Test
    void namesTheBadOption() {
        assertThatThrownBy(() -> LoadSettings.parse("--rounds", "0")).hasMessageContaining("--rounds");
        assertThatThrownBy(() -> LoadSettings.parse("--op", "scan")).hasMessageContaining("--op");
        assertThatThrownBy(() -> LoadSettings.parse("--threads")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LoadSettings.parse("--color", "red")).hasMessageContaining("--color");
    }

    @Test
    void refusesToLoadAnotherMachine() {
        assertThatThrownBy(() -> LoadTarget.existing("192.0.2.1:9160", "ks")).hasMessageContaining("loopback");
    }
}
