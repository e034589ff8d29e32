package dev.casspool.autoconfigure.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.ColumnFamily;
import dev.casspool.ConnectionPool;
import dev.casspool.autoconfigure.BootLine;
import dev.casspool.autoconfigure.CassandraPoolAutoConfiguration;
import dev.casspool.autoconfigure.TestCassandra;
import dev.casspool.autoconfigure.metrics.CassandraPoolMetricsAutoConfiguration;
import dev.casspool.embedded.Authenticator;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The pools' Thrift calls, observed in the application's {@code ObservationRegistry}, against a real node: one
 * observation per call, and with Boot's metrics a timer per Thrift method.
 */
@Tag("boot-lines")
@EmbeddedCassandra(authenticator = Authenticator.PASSWORD)
class CassandraPoolObservationTest {

    private static final String NAME = "cassandra.pool.operation";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CassandraPoolAutoConfiguration.class,
                    CassandraPoolObservationAutoConfiguration.class));

    @Test
    void everyCallIsAnObservationInTheApplicationsRegistry(CassandraNode node) {
        TestObservationRegistry registry = TestObservationRegistry.create();
        runner.withPropertyValues(TestCassandra.poolProperties(node))
                .withBean(ObservationRegistry.class, () -> registry)
                .run(context -> {
                    ColumnFamily columnFamily = new ColumnFamily(context.getBean(ConnectionPool.class),
                            TestCassandra.COLUMN_FAMILY);
                    columnFamily.insert("observed", Map.of("column", "value"));
                    columnFamily.get("observed");

                    assertThat(registry).hasNumberOfObservationsWithNameEqualTo(NAME, 2)
                            .forAllObservationsWithNameEqualTo(NAME, observation -> observation
                                    .hasLowCardinalityKeyValue("db.system.name", "cassandra")
                                    .hasLowCardinalityKeyValue("db.namespace", TestCassandra.KEYSPACE)
                                    .hasLowCardinalityKeyValue("outcome", "SUCCESS"))
                            .hasAnObservationWithAKeyValue("db.operation.name", "batch_mutate")
                            .hasAnObservationWithAKeyValue("db.operation.name", "get_slice");
                });
    }

    @Test
    void bootsMetricsTimeEveryThriftMethod(CassandraNode node) {
        runner.withConfiguration(BootLine.metrics()).withConfiguration(BootLine.observation())
                .withConfiguration(AutoConfigurations.of(CassandraPoolMetricsAutoConfiguration.class))
                .withPropertyValues(TestCassandra.poolProperties(node))
                .run(context -> {
                    ColumnFamily columnFamily = new ColumnFamily(context.getBean(ConnectionPool.class),
                            TestCassandra.COLUMN_FAMILY);
                    columnFamily.insert("timed", Map.of("column", "value"));

                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get(NAME).tags("db.operation.name", "batch_mutate", "db.system.name",
                            "cassandra", "db.namespace", TestCassandra.KEYSPACE, "server.address", "127.0.0.1",
                            "server.port", Integer.toString(node.thriftPort()), "outcome", "SUCCESS", "error.type",
                            "none").timer().count()).isEqualTo(1);
                });
    }

    @Test
    void observesNothingWithoutARegistry() {
        runner.withPropertyValues("cassandra.pool.keyspace=Keyspace1", "cassandra.pool.prefill=false")
                .run(context -> assertThat(context).hasSingleBean(ConnectionPool.class)
                        .doesNotHaveBean("cassandraPoolObservationCustomizer"));
    }

    @Test
    void observesNothingWithoutMicrometerObservation() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
                .withPropertyValues("cassandra.pool.keyspace=Keyspace1", "cassandra.pool.prefill=false")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ConnectionPool.class)
                        .doesNotHaveBean("cassandraPoolObservationCustomizer"));
    }
}
