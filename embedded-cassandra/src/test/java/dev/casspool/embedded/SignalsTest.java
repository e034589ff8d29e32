package dev.casspool.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.internal.Signals;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalsTest {

    /** Four times the cores: most spinners wait for a CPU when SIGSTOP arrives, and each stops only once it runs. */
    private static final int SPINNERS = 4 * Runtime.getRuntime().availableProcessors();

    @Test
    void stopReturnsOnlyOnceEveryThreadOfABusyProcessHasStopped() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process busy = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SpinningThreadsMain.class.getName(), Integer.toString(SPINNERS)).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(busy.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(output.readLine()).isEqualTo("READY");
            for (int round = 0; round < 20; round++) {
                Signals.stop(busy.pid());
                assertThat(Signals.isStopped(busy.pid())).as("every thread stopped in round %d", round).isTrue();
                Signals.resume(busy.pid());
                assertThat(Signals.isStopped(busy.pid())).as("running again in round %d", round).isFalse();
            }
        } finally {
            busy.destroyForcibly();
            assertThat(busy.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aProcessThatIsGoneIsReportedByPid() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        assertThatThrownBy(() -> Signals.isStopped(exited.pid()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Long.toString(exited.pid()));
    }
}
