package dev.casspool;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import dev.casspool.micrometer.CassandraOperationContext;
import dev.casspool.micrometer.DefaultCassandraOperationObservationConvention;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.cassandra.thrift.Column;
import org.apache.cassandra.thrift.ColumnParent;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.cassandra.thrift.InvalidRequestException;
import org.apache.cassandra.thrift.SlicePredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every Thrift call through a pool built with an {@code ObservationRegistry} is one {@code cassandra.pool.operation}
 * observation with OpenTelemetry's database client keys, and each retry an event on it; against a real node, with
 * Micrometer's {@link TestObservationRegistry}.
 */
@EmbeddedCassandra
class ObservationTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Observed", "Standard1");

    /** Two replicas on a one-node ring: writes at consistency TWO are Unavailable, and retried. */
    private static final String TWO_REPLICAS = "ObservedTwoReplicas";
    private static final String NAME = DefaultCassandraOperationObservationConvention.NAME;

    @BeforeAll
    static void createKeyspaceWithTwoReplicas(CassandraNode node) {
        node.schema().createKeyspace(TWO_REPLICAS, 2, "Standard1");
    }

    @Test
    void everyThriftCallThroughThePoolIsOneObservation(CassandraNode node) throws Exception {
        TestObservationRegistry registry = TestObservationRegistry.create();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).observationRegistry(registry)
                .build()) {
            ColumnFamily columnFamily = new ColumnFamily(pool, "Standard1");
            pool.execute(client -> client.describe_version());
            columnFamily.insert("row", Map.of("column", "value"));
            columnFamily.get("row");
            ByteBuffer key = Utf8.bytes("row");
            pool.execute(key, client -> client.get_count(key, new ColumnParent("Standard1"),
                    new SlicePredicate().setColumn_names(List.of(Utf8.bytes("column"))),
                    ConsistencyLevel.ONE));
            try (ConnectionWrapper connection = pool.get()) {
                connection.describe_cluster_name();
            }

            assertThat(registry).hasNumberOfObservationsEqualTo(5)
                    .hasNumberOfObservationsWithNameEqualTo(NAME, 5)
                    .forAllObservationsWithNameEqualTo(NAME, observation -> observation
                            .hasLowCardinalityKeyValue("db.system.name", "cassandra")
                            .hasLowCardinalityKeyValue("db.namespace", KEYSPACE.name())
                            .hasLowCardinalityKeyValue("server.address", "127.0.0.1")
                            .hasLowCardinalityKeyValue("server.port", Integer.toString(node.thriftPort()))
                            .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                            .hasLowCardinalityKeyValue("error.type", "none"));
            assertThat(operations(registry)).containsExactly("describe_version", "batch_mutate", "get_slice",
                    "get_count", "describe_cluster_name");
            assertThat(registry).hasObservationWithNameEqualTo(NAME).that()
                    .hasContextualNameEqualTo("describe_version " + KEYSPACE.name())
                    .hasBeenStarted().hasBeenStopped();
        }
    }

    @Test
    void aFailedCallIsObservedWithItsError(CassandraNode node) {
        TestObservationRegistry registry = TestObservationRegistry.create();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).observationRegistry(registry)
                .build();
             ConnectionWrapper connection = pool.get()) {
            assertThatThrownBy(() -> connection.insert(Utf8.bytes("k"), new ColumnParent("NoSuchColumnFamily"),
                    new Column(Utf8.bytes("c")).setValue(Utf8.bytes("v")).setTimestamp(1), ConsistencyLevel.ONE))
                    .isInstanceOf(InvalidRequestException.class);

            assertThat(registry).hasSingleObservationThat().hasNameEqualTo(NAME).hasBeenStopped()
                    .hasLowCardinalityKeyValue("db.operation.name", "insert")
                    .hasLowCardinalityKeyValue("outcome", "ERROR")
                    .hasLowCardinalityKeyValue("error.type", InvalidRequestException.class.getName())
                    .assertThatError().isInstanceOf(InvalidRequestException.class);
        }
    }

    @Test
    void eachRetryIsAnEventOfItsCall(CassandraNode node) {
        TestObservationRegistry registry = TestObservationRegistry.create();
        List<String> retries = recordRetries(registry);
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).keyspace(TWO_REPLICAS).poolSize(1).maxRetries(2)
                .observationRegistry(registry).build()) {
            ColumnFamily columnFamily = new ColumnFamily(pool, "Standard1");
            columnFamily.setWriteConsistencyLevel(ConsistencyLevel.TWO);

            assertThatThrownBy(() -> columnFamily.insert("unavailable", Map.of("column", "value")))
                    .isInstanceOf(MaximumRetryException.class);

            assertThat(registry).hasSingleObservationThat().hasNameEqualTo(NAME)
                    .hasLowCardinalityKeyValue("db.operation.name", "batch_mutate")
                    .hasLowCardinalityKeyValue("db.namespace", TWO_REPLICAS)
                    .hasLowCardinalityKeyValue("outcome", "ERROR")
                    .hasLowCardinalityKeyValue("error.type", MaximumRetryException.class.getName());
            assertThat(retries).hasSize(2).allSatisfy(retry -> assertThat(retry)
                    .startsWith("retry on " + node.thriftAddress() + " after UnavailableException"));
        }
    }

    @Test
    void aCallInsideAnotherObservationIsItsChild(CassandraNode node) throws Exception {
        TestObservationRegistry registry = TestObservationRegistry.create();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).observationRegistry(registry)
                .build()) {
            Observation request = Observation.start("request", registry);
            try (Observation.Scope scope = request.openScope()) {
                pool.execute(client -> client.describe_version());
            } finally {
                request.stop();
            }

            assertThat(registry).hasObservationWithNameEqualTo(NAME).that()
                    .hasParentObservationEqualTo(request);
        }
    }

    @Test
    void aConventionRegisteredWithTheRegistryNamesTheObservations(CassandraNode node) throws Exception {
        TestObservationRegistry registry = TestObservationRegistry.create();
        registry.observationConfig().observationConvention(new RenamingConvention());
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).observationRegistry(registry)
                .build()) {
            pool.execute(client -> client.describe_version());

            assertThat(registry).hasSingleObservationThat().hasNameEqualTo("thrift.calls")
                    .hasLowCardinalityKeyValue("db.operation.name", "describe_version");
        }
    }

    @Test
    void anObservationRegistryThatIsNoneIsRejected() {
        assertThatThrownBy(() -> ConnectionPool.builder().keyspace(KEYSPACE.name()).prefill(false)
                .observationRegistry("a registry").build())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo("observationRegistry");
                    assertThat(e.value()).isEqualTo(String.class.getName());
                    assertThat(e.reason()).contains("io.micrometer.observation.ObservationRegistry");
                });
    }

    /** An application's convention, as a {@code GlobalObservationConvention} registered with the registry. */
    private static final class RenamingConvention extends DefaultCassandraOperationObservationConvention
            implements GlobalObservationConvention<CassandraOperationContext> {

        @Override
        public String getName() {
            return "thrift.calls";
        }
    }

    /** The Thrift methods of the registry's observations, in the order they started. */
    private static List<String> operations(TestObservationRegistry registry) {
        List<String> operations = new CopyOnWriteArrayList<>();
        assertThat(registry).hasHandledContextsThatSatisfy(contexts -> contexts.forEach(
                context -> operations.add(((CassandraOperationContext) context).getOperation())));
        return operations;
    }

    /** Records the contextual name of every retry event of the registry's observations. */
    static List<String> recordRetries(TestObservationRegistry registry) {
        List<String> retries = new CopyOnWriteArrayList<>();
        registry.observationConfig().observationHandler(new ObservationHandler<CassandraOperationContext>() {
            @Override
            public void onEvent(Observation.Event event, CassandraOperationContext context) {
                if (event.getName().equals("retry")) {
                    retries.add(event.getContextualName());
                }
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof CassandraOperationContext;
            }
        });
        return retries;
    }
}
