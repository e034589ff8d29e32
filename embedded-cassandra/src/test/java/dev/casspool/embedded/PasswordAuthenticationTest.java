package dev.casspool.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.cassandra.thrift.AuthenticationException;
import org.apache.cassandra.thrift.KsDef;
import org.junit.jupiter.api.Test;

@EmbeddedCassandra(authenticator = Authenticator.PASSWORD)
class PasswordAuthenticationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void rejectsAWrongPassword(CassandraNode node) throws Exception {
        try (ThriftConnection connection = ThriftConnection.open(node.thriftAddress(), TIMEOUT)) {
            assertThatThrownBy(() -> connection.login(Authenticator.SUPERUSER, "wrong"))
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void acceptsTheDefaultSuperuser(CassandraNode node) throws Exception {
        try (ThriftConnection connection = ThriftConnection.open(node.thriftAddress(), TIMEOUT)) {
            connection.login(Authenticator.SUPERUSER, Authenticator.SUPERUSER_PASSWORD);
            assertThat(connection.client().describe_keyspaces()).extracting(KsDef::getName).contains("system");
        }
    }
}
