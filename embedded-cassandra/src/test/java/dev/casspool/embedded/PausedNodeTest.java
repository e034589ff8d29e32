package dev.casspool.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.internal.Signals;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.Test;

@EmbeddedCassandra
class PausedNodeTest {

    @Test
    void pausedNodeTimesOutAClientAndServesAgainAfterResume(CassandraNode node) throws Exception {
        try (ThriftConnection client = ThriftConnection.open(node.thriftAddress(), Duration.ofSeconds(1))) {
            assertThat(client.client().describe_version()).isNotBlank();
            node.pause();
            try {
                assertThat(node.isPaused()).isTrue();
                // pause() returns only once every thread of the node has stopped, not merely once SIGSTOP is queued.
                assertThat(Signals.isStopped(node.pid())).isTrue();
                // A frozen JVM never answers, so the 1 s read timeout is the only way out of this call.
                assertThatThrownBy(() -> client.client().describe_version())
                        .isInstanceOf(TTransportException.class)
                        .hasRootCauseInstanceOf(SocketTimeoutException.class);
            } finally {
                node.resume();
            }
        }
        assertThat(node.isPaused()).isFalse();
        assertThat(Signals.isStopped(node.pid())).isFalse();
        try (ThriftConnection client = ThriftConnection.open(node.thriftAddress(), Duration.ofSeconds(10))) {
            assertThat(client.client().describe_version()).isNotBlank();
        }
    }
}
