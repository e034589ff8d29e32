package dev.casspool;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.CassandraCluster;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A call that fails over on the shared 3-node ring is one observation, with its retry as an event, and ends as a
 * success on the server it failed over to: a frozen node makes the call's socket time out, and the call is tried again
 * on another node.
 */
@EmbeddedCassandra(nodes = 3)
class ObservedFailoverTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("ObservedFailover", "Standard1");

    @Test
    void aCallThatFailsOverIsOneObservationWithItsRetryAsAnEvent(CassandraCluster cluster) throws Exception {
        TestObservationRegistry registry = TestObservationRegistry.create();
        List<String> retries = ObservationTest.recordRetries(registry);
        try (ConnectionPool pool = TestPools.builder(cluster, KEYSPACE).poolSize(3).useThreadLocal(false)
                .timeout(Duration.ofSeconds(1)).observationRegistry(registry).build()) {
            ConnectionWrapper connection = pool.get();
            CassandraNode frozen = cluster.nodes().stream()
                    .filter(node -> node.thriftAddress().equals(connection.server())).findFirst().orElseThrow();
            frozen.pause();
            try {
                connection.describe_keyspace(KEYSPACE.name());
            } finally {
                frozen.resume();
            }
            String failedOverTo = connection.server();
            pool.put(connection);

            assertThat(failedOverTo).isNotEqualTo(frozen.thriftAddress());
            assertThat(registry).hasSingleObservationThat().hasBeenStopped()
                    .hasLowCardinalityKeyValue("db.operation.name", "describe_keyspace")
                    .hasLowCardinalityKeyValue("server.address", failedOverTo.substring(0, failedOverTo.indexOf(':')))
                    .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                    .hasLowCardinalityKeyValue("error.type", "none");
            assertThat(retries).singleElement().asString().startsWith("retry on " + failedOverTo + " after")
                    .endsWith(" on " + frozen.thriftAddress());
        }
    }
}
