package dev.casspool.benchmarks.inert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.ConnectionPool;
import dev.casspool.ConnectionWrapper;
import java.util.Map;
import org.apache.cassandra.thrift.AuthenticationRequest;
import org.apache.cassandra.thrift.Cassandra;
import org.apache.thrift.TApplicationException;
import org.junit.jupiter.api.Test;

class CannedReplySocketTest {

    @Test
    void answersTheCallsOfOpeningAndValidatingAConnection() throws Exception {
        Cassandra.Client client = InertThrift.openClient();

        client.login(new AuthenticationRequest(Map.of("username", "u")));
        client.set_keyspace("Other");
        assertThat(client.describe_version()).isNotBlank();
        InertThrift.close(client);
    }

    @Test
    void servesNoData() throws Exception {
        Cassandra.Client client = InertThrift.openClient();

        assertThatThrownBy(client::describe_cluster_name).isInstanceOf(TApplicationException.class)
                .extracting(e -> ((TApplicationException) e).getType())
                .isEqualTo(TApplicationException.MISSING_RESULT);
    }

    @Test
    void givesCasspoolConnectionsWithoutNetwork() {
        try (ConnectionPool pool = InertThrift.poolBuilder()
                .poolSize(2)
                .build()) {
            ConnectionWrapper connection = pool.get();
            pool.put(connection);

            assertThat(pool.checkedIn()).isEqualTo(2);
        }
    }
}
