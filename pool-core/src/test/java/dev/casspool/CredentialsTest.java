package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.Authenticator;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.util.Map;
import org.apache.cassandra.thrift.AuthenticationException;
import org.apache.cassandra.thrift.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Thrift login with credentials, against a node with PasswordAuthenticator. */
@EmbeddedCassandra(authenticator = Authenticator.PASSWORD)
class CredentialsTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Credentials", "Standard1");
    private static final String WRONG_PASSWORD = "not-the-password-42";


    @Test
    void logsInWithTheRightCredentials(CassandraNode node) throws Exception {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE)
                .credentials(Authenticator.SUPERUSER, Authenticator.SUPERUSER_PASSWORD).build()) {
            new ColumnFamily(pool, "Standard1").insert("key", Map.of("col", "val"));
            assertThat(new ColumnFamily(pool, "Standard1").get("key")).containsEntry("col", "val");
        }
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE)
                .credentials(Map.of("username", Authenticator.SUPERUSER,
                        "password", Authenticator.SUPERUSER_PASSWORD)).build()) {
            assertThat(pool.checkedIn()).isEqualTo(5);
        }
    }

    @Test
    void aWrongPasswordFailsOnceWithCassandrasAnswerAndIsNeverShown(CassandraNode node) {
        RecordingListener events = new RecordingListener();
        // The same node listed three times: a storm would try it three times.
        ConnectionPool.Builder builder = TestPools.builder(node, KEYSPACE)
                .serverList(node.thriftAddress(), node.thriftAddress(), node.thriftAddress())
                .credentials(Authenticator.SUPERUSER, WRONG_PASSWORD)
                .listener(events);

        assertThatThrownBy(builder::build)
                .isInstanceOf(PoolException.class)
                .hasRootCauseInstanceOf(AuthenticationException.class)
                .hasMessageContaining("could not log in").hasMessageContaining("'cassandra'")
                .hasMessageNotContaining(WRONG_PASSWORD);
        assertThat(events.count(PoolEventType.CONNECTION_FAILED)).isEqualTo(1);
        assertThat(events.count(PoolEventType.SERVER_MARKED_DOWN)).isZero();
        assertThat(events.all()).allSatisfy(recorded -> assertThat(recorded.event().toString())
                .doesNotContain(WRONG_PASSWORD));
    }

    @Test
    void withoutCredentialsCassandrasRefusalReachesTheCallerUnretried(CassandraNode node) {
        RecordingListener events = new RecordingListener();
        // Cassandra 3.11 lets set_keyspace through without a login and refuses the data calls.
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).listener(events).build()) {
            assertThatThrownBy(() -> new ColumnFamily(pool, "Standard1").get("key"))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            refused -> assertThat(refused.getWhy()).contains("logged in"));
            assertThat(events.count(PoolEventType.CONNECTION_FAILED)).isZero();
            assertThat(events.count(PoolEventType.OPERATION_RETRIED)).isZero();
            assertThat(pool.checkedOut()).isZero();
        }
    }
}
