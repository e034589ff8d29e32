package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.cassandra.thrift.ColumnParent;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.cassandra.thrift.SlicePredicate;
import org.apache.cassandra.thrift.SliceRange;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A handle kept after {@code put} never works on somebody else's check-out of the same connection: calls and a second
 * {@code put} fail, and the other caller's check-out goes on undisturbed. The thread that checks the same connection
 * out again gets the same handle back, so that the warm path allocates nothing.
 */
@EmbeddedCassandra
class StaleHandleTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Stale", "Standard1");

    @ParameterizedTest(name = "useThreadLocal={0}")
    @ValueSource(booleans = {true, false})
    void aHandleKeptAfterPutFailsOnceAnotherCallerHasTheConnection(boolean useThreadLocal, CassandraNode node)
            throws Exception {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).useThreadLocal(useThreadLocal)
                .build()) {
            ConnectionWrapper kept = pool.get();
            pool.put(kept);

            ExecutorService otherCaller = Executors.newSingleThreadExecutor();
            ConnectionWrapper others = otherCaller.submit(pool::get).get();
            assertThat(others.entry()).isSameAs(kept.entry());
            assertThat(others).isNotSameAs(kept);

            assertThatThrownBy(kept::describe_version).isInstanceOf(InvalidPoolRequestException.class)
                    .hasMessageContaining("put back");
            assertThatThrownBy(() -> kept.get_count(Utf8.bytes("k"), new ColumnParent("Standard1"), everything(),
                    ConsistencyLevel.ONE))
                    .isInstanceOf(InvalidPoolRequestException.class);
            assertThatThrownBy(() -> pool.put(kept)).isInstanceOf(InvalidPoolRequestException.class)
                    .hasMessageContaining("checked out again");
            assertThat(pool.checkedOut()).isEqualTo(1);

            // The other caller's check-out is untouched and works.
            assertThat(otherCaller.submit(others::describe_version).get()).isNotBlank();
            otherCaller.submit(() -> pool.put(others)).get();
            otherCaller.shutdown();
            assertThat(pool.checkedOut()).isZero();
        }
    }

    @ParameterizedTest(name = "useThreadLocal={0}")
    @ValueSource(booleans = {true, false})
    void theThreadThatChecksTheSameConnectionOutAgainGetsTheSameHandle(boolean useThreadLocal, CassandraNode node)
            throws Exception {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).useThreadLocal(useThreadLocal)
                .build()) {
            ConnectionWrapper first = pool.get();
            pool.put(first);
            ConnectionWrapper again = pool.get();

            assertThat(again).isSameAs(first);
            assertThat(again.describe_version()).isNotBlank();
            pool.put(again);
            assertThat(pool.checkedOut()).isZero();
        }
    }

    @ParameterizedTest(name = "useThreadLocal={0}")
    @ValueSource(booleans = {true, false})
    void aHandleOfAConnectionThePoolClosedMayBePutBackAndIsIgnored(boolean useThreadLocal, CassandraNode node) {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).useThreadLocal(useThreadLocal)
                .build()) {
            ConnectionWrapper connection = pool.get();
            pool.put(connection);
            pool.dispose();

            pool.put(connection);

            assertThat(pool.checkedOut()).isZero();
            assertThatThrownBy(connection::describe_version).isInstanceOf(InvalidPoolRequestException.class);
        }
    }

    private static SlicePredicate everything() {
        return new SlicePredicate().setSlice_range(new SliceRange(Utf8.bytes(""), Utf8.bytes(""), false, 100));
    }
}
