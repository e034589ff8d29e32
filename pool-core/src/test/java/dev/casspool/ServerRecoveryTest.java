package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.time.Duration;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server whose connections die is marked down, probed in the background, and marked up once it answers. */
@EmbeddedCassandra
class ServerRecoveryTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Recovery", "Standard1");


    @Test
    void aDeadServerIsMarkedDownThenUpWhenItAnswersAgain(CassandraNode node) throws Exception {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(2).maxRetries(1)
                .serverRetryInitialDelay(Duration.ofMillis(100)).serverRetryMaxDelay(Duration.ofMillis(400))
                .listener(events).build()) {
            node.kill();
            // Every server is down: the get still tries it (and fails), rather than failing without trying.
            assertThatThrownBy(() -> pool.execute(client -> client.describe_keyspace(KEYSPACE.name())))
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
            String described = pool.execute(client -> client.describe_keyspace(KEYSPACE.name())).getName();
            assertThat(described).isEqualTo(KEYSPACE.name());
            assertThat(pool.checkedOut()).isZero();
        }
    }

    @Test
    void aServerThatDiesWhileThePoolIdlesIsFoundByTheFirstCallOnAnIdleConnection(CassandraNode node) throws Exception {
        RecordingListener events = new RecordingListener();
        CountingSocketFactory sockets = new CountingSocketFactory();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(3).socketFactory(sockets)
                .listener(events).build()) {
            node.kill();
            // What a health check does: an idle connection, no validation, no new connection, one call.
            ConnectionWrapper idle = pool.tryGet().orElseThrow();
            assertThatThrownBy(idle::describe_version).isInstanceOf(TTransportException.class);
            pool.put(idle);

            assertThat(pool.serverStatuses()).singleElement().satisfies(status -> assertThat(status.up()).isFalse());
            // Its idle siblings went with it: the next check has nothing stale to trip over.
            assertThat(pool.checkedIn()).isZero();
            assertThat(pool.tryGet()).isEmpty();
            assertThat(sockets.open()).isZero();
            assertThat(events.events(PoolEventType.CONNECTION_DISPOSED)).hasSize(3);
        }
    }
}
