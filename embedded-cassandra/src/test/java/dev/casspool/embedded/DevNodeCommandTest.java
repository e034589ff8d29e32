package dev.casspool.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.casspool.embedded.internal.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.cassandra.thrift.CfDef;
import org.apache.thrift.TException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development node command ({@link EmbeddedCassandraMain}) as a user runs it: its own JVM, with that JVM's
 * temporary directory set to one the test watches, so that "nothing left behind" can be checked.
 */
class DevNodeCommandTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void servesThriftOnTheChosenPortWithLoginAndSchemaAndLeavesNothingBehindOnCtrlC() throws Exception {
        int port = FreePorts.find(List.of("127.0.0.1"));
        Process devNode = start("--port", String.valueOf(port), "--password-auth", "--keyspace", "DevKeyspace",
                "--column-family", "Standard1,Standard2", "--heap", "256");
        try (BufferedReader output = reader(devNode)) {
            String ready = awaitLine(output, "Cassandra is ready");
            assertThat(ready).contains("Thrift on 127.0.0.1:" + port);
            List<ProcessHandle> node = devNode.descendants().toList();
            assertThat(node).isNotEmpty();

            try (ThriftConnection anonymous = ThriftConnection.open("127.0.0.1", port, TIMEOUT)) {
                assertThatThrownBy(() -> anonymous.client().describe_keyspace("DevKeyspace"))
                        .isInstanceOf(TException.class);
            }
            try (ThriftConnection client = ThriftConnection.open("127.0.0.1", port, TIMEOUT)) {
                client.login(Authenticator.SUPERUSER, Authenticator.SUPERUSER_PASSWORD);
                assertThat(client.client().describe_keyspace("DevKeyspace").getCf_defs()).extracting(CfDef::getName)
                        .containsExactlyInAnyOrder("Standard1", "Standard2");
            }

            interrupt(devNode);

            assertThat(devNode.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle process : node) {
                process.onExit().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            assertThat(tmp).isEmptyDirectory();
            assertThat(FreePorts.isFree("127.0.0.1", port)).isTrue();
        } finally {
            devNode.destroyForcibly();
        }
    }

    /** Cassandra rejects its configuration and exits: the command says so, exits 1 and removes the node's directory. */
    @Test
    void aFailedStartLeavesNothingBehind() throws Exception {
        int port = FreePorts.find(List.of("127.0.0.1"));
        Process devNode = start("--port", String.valueOf(port), "--heap", "256",
                "--yaml", "partitioner=org.apache.cassandra.dht.NoSuchPartitioner");
        try {
            String output = new String(devNode.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(devNode.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(devNode.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("casspool dev node: Cassandra node 127.0.0.1:" + port + " exited with code",
                    "NoSuchPartitioner");
            assertThat(tmp).isEmptyDirectory();
        } finally {
            devNode.destroyForcibly();
        }
    }

    @Test
    void aBadArgumentIsOneLineAndExitStatus2() throws Exception {
        Process devNode = start("--port", "nine");

        String output = new String(devNode.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(devNode.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(devNode.exitValue()).isEqualTo(2);
        assertThat(output).isEqualTo("casspool dev node: --port must be a number from 1 to 65535, was 'nine'"
                + " (see --help)" + System.lineSeparator());
        assertThat(tmp).isEmptyDirectory();
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                EmbeddedCassandraMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads the command's output up to the line that starts with {@code prefix}; fails if the command ends first. */
    private static String awaitLine(BufferedReader output, String prefix) throws IOException {
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = output.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.add(line);
        }
        return fail("The command ended before printing \"" + prefix + "\":\n" + String.join("\n", seen));
    }

    /**
     * Ctrl-C: SIGINT, unless the JVM ignores it because it inherited SIGINT ignored (as a background job of a
     * non-interactive shell does, which CI may be); then SIGTERM, which runs the same shutdown hooks.
     */
    private static void interrupt(Process process) throws IOException, InterruptedException {
        String signal = ignoresSigint(process.pid()) ? "-TERM" : "-INT";
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static boolean ignoresSigint(long pid) throws IOException {
        try (Stream<String> status = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            long ignored = status.filter(line -> line.startsWith("SigIgn:"))
                    .mapToLong(line -> Long.parseLong(line.substring("SigIgn:".length()).trim(), 16))
                    .findFirst().orElse(0);
            return (ignored & (1L << 1)) != 0;  // bit n-1 for signal n; SIGINT is 2
        }
    }
}
