package dev.casspool.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes of their own (not shared): closing them, orphaning them, TLS. */
class NodeLifecycleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void closeKillsTheNodeAndDeletesItsTemporaryDirectory() throws Exception {
        CassandraNode node = CassandraNode.builder().heapMegabytes(256).build().start();
        long pid = node.pid();
        Path directory = node.directory();
        assertThat(directory).isDirectory();

        node.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        assertThat(directory).doesNotExist();
        assertThatThrownBy(node::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void nodeDiesAndCleansUpWhenItsParentJvmIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrphanedNodeMain.class.getName()).redirectErrorStream(true).start();
        long nodePid;
        Path nodeDirectory;
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = output.readLine();
                assertThat(line).as("output of the parent JVM before it reports its node").isNotNull();
            } while (!line.startsWith("NODE "));
            String[] fields = line.split(" ", 3);
            nodePid = Long.parseLong(fields[1]);
            nodeDirectory = Path.of(fields[2]);
            assertThat(ProcessHandle.of(nodePid)).isPresent();

            parent.destroyForcibly();  // SIGKILL: no shutdown hook runs in the parent
            assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        Optional<ProcessHandle> node = ProcessHandle.of(nodePid);
        if (node.isPresent()) {
            node.get().onExit().get(60, TimeUnit.SECONDS);
        }
        // The node's cleanup shell removes the directory right after the node's JVM is gone.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.exists(nodeDirectory) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(nodeDirectory).doesNotExist();
    }

    @Test
    void tlsNodeServesTlsClientsAndRefusesPlainOnes(@TempDir Path keys) throws Exception {
        ClientTls tls = SelfSignedKeystore.create(keys, "127.0.0.1", "changeit");
        try (CassandraNode node = CassandraNode.builder().heapMegabytes(256).clientTls(tls).build().start()) {
            try (ThriftConnection client = ThriftConnection.openTls(node.thriftAddress(), TIMEOUT,
                    tls.keystore(), tls.keystorePassword())) {
                assertThat(client.client().describe_version()).isNotBlank();
            }
            assertThatThrownBy(() -> {
                try (ThriftConnection plain = ThriftConnection.open(node.thriftAddress(), TIMEOUT)) {
                    plain.client().describe_version();
                }
            }).isInstanceOf(TException.class);
        }
    }

    @Test
    void refusesAddressesOutsideLoopback() {
        assertThatThrownBy(() -> CassandraNode.builder().address("10.0.0.4").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback").hasMessageContaining("10.0.0.4");
    }
}
