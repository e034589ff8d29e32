package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** recycle, as pycassa's test_queue_pool_recycle checks it; operations are counted per attempt of a data call. */
@EmbeddedCassandra
class RecycleTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Recycle", "Standard1");


    @Test
    void aConnectionIsReplacedAtCheckInAfterRecycleOperations(CassandraNode node) throws Exception {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).recycle(2).listener(events)
                .build()) {
            ColumnFamily cf = new ColumnFamily(pool, "Standard1");
            ConnectionWrapper first = pool.get();
            pool.put(first);
            cf.insert("k1", Map.of("c", "v"));
            cf.insert("k2", Map.of("c", "v"));
            assertThat(first.operationCount()).isEqualTo(2);
            assertThat(events.count(PoolEventType.CONNECTION_RECYCLED)).isZero();

            cf.get("k1");  // the third operation: more than recycle (2), so the check-in replaces it
            assertThat(events.count(PoolEventType.CONNECTION_RECYCLED)).isEqualTo(1);
            PoolEvent recycled = events.events(PoolEventType.CONNECTION_RECYCLED).get(0);
            assertThat(recycled.oldConnection()).isSameAs(first);
            assertThat(recycled.newConnection()).isNotSameAs(first);
            assertThat(recycled.newConnection().operationCount()).isZero();
            assertThat(recycled.connection()).isNull();
            assertThat(events.events(PoolEventType.CONNECTION_DISPOSED)).singleElement()
                    .satisfies(e -> assertThat(e.connection()).isSameAs(first));

            assertThat(pool.get()).isSameAs(recycled.newConnection());
            assertThat(pool.checkedIn() + pool.checkedOut()).isEqualTo(1);
        }
    }

    @Test
    void passThroughCallsDoNotCountAndMinusOneNeverRecycles(CassandraNode node) throws Exception {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).recycle(-1).listener(events)
                .build()) {
            ConnectionWrapper connection = pool.get();
            connection.describe_version();
            connection.describe_cluster_name();
            assertThat(connection.operationCount()).isZero();
            for (int i = 0; i < 20; i++) {
                connection.getKeyspaceDescription(null);
            }
            assertThat(connection.operationCount()).isEqualTo(20);
            pool.put(connection);
            assertThat(events.count(PoolEventType.CONNECTION_RECYCLED)).isZero();
            assertThat(pool.get()).isSameAs(connection);
        }
    }
}
