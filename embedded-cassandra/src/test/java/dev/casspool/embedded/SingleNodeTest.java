package dev.casspool.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.cassandra.thrift.NotFoundException;
import org.junit.jupiter.api.Test;

@EmbeddedCassandra
class SingleNodeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void answersDescribeVersion(CassandraNode node) throws Exception {
        try (ThriftConnection connection = node.openConnection(TIMEOUT)) {
            // Cassandra 3.11's Thrift API version.
            assertThat(connection.client().describe_version()).isEqualTo("20.1.0");
        }
        assertThat(node.thriftAddress()).isEqualTo("127.0.0.1:" + node.thriftPort());
    }

    @Test
    void roundTripsAColumnThroughANewKeyspace(CassandraNode node) throws Exception {
        node.schema().createKeyspace("RoundTrip", 1, Rows.COLUMN_FAMILY);
        try (ThriftConnection connection = node.openConnection(TIMEOUT).useKeyspace("RoundTrip")) {
            Rows.insert(connection.client(), "key", "col", "val", ConsistencyLevel.ONE);
            assertThat(Rows.get(connection.client(), "key", "col", ConsistencyLevel.ONE)).isEqualTo("val");
            assertThatThrownBy(() -> Rows.get(connection.client(), "missing", "col", ConsistencyLevel.ONE))
                    .isInstanceOf(NotFoundException.class);
        } finally {
            node.schema().dropKeyspace("RoundTrip");
        }
    }

    @Test
    void answersJmxWithItsStateAndWhereItStoresARow(CassandraNode node) throws Exception {
        node.schema().createKeyspace("Located", 1, Rows.COLUMN_FAMILY);
        String key = "6b6579";  // "key"
        try {
            try (ThriftConnection connection = node.openConnection(TIMEOUT).useKeyspace("Located")) {
                Rows.insert(connection.client(), "key", "col", "val", ConsistencyLevel.ONE);
            }
            try (JmxConnection jmx = node.openJmx()) {
                assertThat(jmx.operationMode()).isEqualTo("NORMAL");
                assertThat(jmx.liveNodes()).containsExactly("127.0.0.1");
                assertThat(jmx.joiningNodes()).isEmpty();
                assertThat(jmx.naturalEndpoints("Located", Rows.COLUMN_FAMILY, key)).containsExactly("127.0.0.1");
                assertThat(jmx.sstablesHolding("Located", Rows.COLUMN_FAMILY, key)).as("in the memtable only")
                        .isEmpty();

                jmx.flush("Located");

                assertThat(jmx.sstablesHolding("Located", Rows.COLUMN_FAMILY, key)).hasSize(1);
                String missing = "6d697373696e67";  // "missing"
                assertThat(jmx.sstablesHolding("Located", Rows.COLUMN_FAMILY, missing)).isEmpty();
            }
        } finally {
            node.schema().dropKeyspace("Located");
        }
    }

    @Test
    void restartKeepsDataAndAddress(CassandraNode node) throws Exception {
        node.schema().createKeyspace("Durable", 1, Rows.COLUMN_FAMILY);
        try {
            try (ThriftConnection connection = node.openConnection(TIMEOUT).useKeyspace("Durable")) {
                Rows.insert(connection.client(), "key", "col", "before restart", ConsistencyLevel.ONE);
            }
            long pidBefore = node.pid();
            String addressBefore = node.thriftAddress();

            node.restart();

            assertThat(node.pid()).isNotEqualTo(pidBefore);
            assertThat(node.thriftAddress()).isEqualTo(addressBefore);
            try (ThriftConnection connection = node.openConnection(TIMEOUT).useKeyspace("Durable")) {
                assertThat(Rows.get(connection.client(), "key", "col", ConsistencyLevel.ONE)).isEqualTo("before restart");
            }
        } finally {
            node.schema().dropKeyspace("Durable");
        }
    }
}
