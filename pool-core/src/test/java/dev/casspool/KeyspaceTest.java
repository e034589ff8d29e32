package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.util.List;
import java.util.Map;
import org.apache.cassandra.thrift.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every connection is set to the pool's keyspace; a caller's own switch does not leak to the next caller. */
@EmbeddedCassandra
class KeyspaceTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Keyspace", "Standard1");
    @RegisterExtension
    static final TestKeyspace OTHER = new TestKeyspace("Other", "Standard1");

    @Test
    void anUnknownKeyspaceFailsWithAMessageNamingIt(CassandraNode node) {
        RecordingListener events = new RecordingListener();
        assertThatThrownBy(() -> TestPools.builder(List.of(node.thriftAddress()), "NoSuchKeyspace").listener(events)
                .build())
                .isInstanceOf(PoolException.class)
                .hasMessageContaining("'NoSuchKeyspace'")
                .hasCauseInstanceOf(InvalidRequestException.class);
        assertThat(events.count(PoolEventType.CONNECTION_FAILED)).isEqualTo(1);
        assertThat(events.count(PoolEventType.SERVER_MARKED_DOWN)).isZero();
    }

    @Test
    void aConnectionWhoseKeyspaceTheCallerSwitchedIsClosedWhenItComesBack(CassandraNode node) throws Exception {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).listener(events).build()) {
            ColumnFamily cf = new ColumnFamily(pool, "Standard1");
            cf.insert("only-in-the-pool-keyspace", Map.of("c", "v"));

            ConnectionWrapper switched = pool.get();
            switched.set_keyspace(OTHER.name());
            pool.put(switched);
            assertThat(events.events(PoolEventType.CONNECTION_DISPOSED)).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("keyspace"));

            // The next caller is back in the pool's keyspace.
            assertThat(cf.get("only-in-the-pool-keyspace")).containsEntry("c", "v");
        }
    }
}
