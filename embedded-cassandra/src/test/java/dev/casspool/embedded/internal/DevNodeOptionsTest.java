package dev.casspool.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.Authenticator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The development node's command line, and how it chooses the Thrift port. */
class DevNodeOptionsTest {

    @Test
    void defaultsToAnOpenNodeOnTheLoopbackAddress() {
        DevNodeOptions options = DevNodeOptions.parse();

        assertThat(options).isEqualTo(new DevNodeOptions(false, "127.0.0.1", null, Authenticator.ALLOW_ALL, null,
                List.of(), 512, Map.of()));
    }

    @Test
    void readsEveryOptionWithItsValueNextOrAfterAnEqualsSign() {
        DevNodeOptions options = DevNodeOptions.parse("--port", "9161", "--address=127.0.0.2", "--password-auth",
                "--keyspace", "Keyspace1", "--column-family", "Standard1,Standard2", "--column-family=Counter1",
                "--heap", "256", "--yaml", "read_request_timeout_in_ms=500", "--yaml=cluster_name=dev");

        assertThat(options).isEqualTo(new DevNodeOptions(false, "127.0.0.2", 9161, Authenticator.PASSWORD,
                "Keyspace1", List.of("Standard1", "Standard2", "Counter1"), 256,
                Map.of("read_request_timeout_in_ms", 500L, "cluster_name", "dev")));
        assertThat(DevNodeOptions.parse("--help").help()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--verbose | unknown option --verbose",
        "9160 | unexpected argument '9160'",
        "--port | --port needs a value",
        "--port --password-auth | --port needs a value",
        "--port nine | --port must be a number from 1 to 65535, was 'nine'",
        "--port 70000 | --port must be a number from 1 to 65535, was '70000'",
        "--heap 64 | --heap must be a number from 128 to 65536, was '64'",
        "--column-family Standard1 | --column-family needs --keyspace",
        "--keyspace my-keyspace | --keyspace must be 1 to 48 letters, digits or underscores, was 'my-keyspace'",
        "--yaml =500 | --yaml takes KEY=VALUE, was '=500'",
        "--address 10.0.0.4 | --address must be a loopback address (127.x.x.x), was '10.0.0.4'",
    })
    void namesTheArgumentThatIsWrong(String args, String message) {
        assertThatThrownBy(() -> DevNodeOptions.parse(args.split(" ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void takesTheDefaultPortWhenItIsFree() throws IOException {
        int free = freePort();

        assertThat(DevNodeOptions.parse().choosePort(free)).isEqualTo(free);
    }

    @Test
    void takesAnotherFreePortWhenTheDefaultOneIsTaken() throws IOException {
        try (ServerSocket taken = listen(0)) {
            int port = DevNodeOptions.parse().choosePort(taken.getLocalPort());

            assertThat(port).isNotEqualTo(taken.getLocalPort());
            assertThat(FreePorts.isFree("127.0.0.1", port)).isTrue();
        }
    }

    @Test
    void refusesAPortAskedForThatIsTaken() throws IOException {
        try (ServerSocket taken = listen(0)) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> DevNodeOptions.parse("--port", String.valueOf(port)).choosePort(9160))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--port " + port + ": 127.0.0.1:" + port + " is already in use; choose another port");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = listen(0)) {
            return socket.getLocalPort();
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        return socket;
    }
}
