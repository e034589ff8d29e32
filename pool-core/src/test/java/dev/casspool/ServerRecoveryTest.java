package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.time.Duration;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server whose connections die is marked down, probed in the background, and marked up once it answers. */
@EmbeddedCassandra
class ServerRecoveryTest {

    private static final String KEYSPACE = TestPools.uniqueKeyspace("Recovery");

    @BeforeAll
    static void createKeyspace(CassandraNode node) {
        node.schema().createKeyspace(KEYSPACE, 1, "Standard1");
    }

    @Test
    void aDeadServerIsMarkedDownThenUpWhenItAnswersAgain(CassandraNode node) throws Exception {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(2).maxRetries(1)
                .serverRetryInitialDelay(Duration.ofMillis(100)).serverRetryMaxDelay(Duration.ofMillis(400))
                .listener(events).build()) {
            node.kill();
            // Every server is down: the get still tries it (and fails), rather than failing without trying.
            assertThatThrownBy(() -> pool.execute(client -> client.describe_keyspace(KEYSPACE)))
                    .isInstanceOf(AllServersUnavailableException.class);
            assertThat(events.events(PoolEventType.SERVER_MARKED_DOWN)).singleElement().satisfies(e -> {
                assertThat(e.server()).isEqualTo(node.thriftAddress());
                assertThat(e.error()).isInstanceOf(TTransportException.class);
            });
            assertThat(pool.serverStatuses()).singleElement().satisfies(status -> {
                assertThat(status.up()).isFalse();
                assertThat(status.downSince()).isNotNull();
            });

            node.start();
            Conditions.await("the probe to find the node up", Duration.ofSeconds(30),
                    () -> events.count(PoolEventType.SERVER_MARKED_UP) == 1);
            assertThat(events.events(PoolEventType.SERVER_MARKED_UP).get(0).server()).isEqualTo(node.thriftAddress());
            assertThat(pool.serverStatuses()).singleElement().satisfies(status -> assertThat(status.up()).isTrue());
            assertThat(pool.execute(client -> client.describe_keyspace(KEYSPACE)).getName()).isEqualTo(KEYSPACE);
            assertThat(pool.checkedOut()).isZero();
        }
    }
}
