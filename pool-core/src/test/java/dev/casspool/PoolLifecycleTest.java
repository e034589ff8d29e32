package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.util.Map;
import org.apache.cassandra.thrift.CfDef;
import org.apache.cassandra.thrift.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** execute, dispose, close, and what a wrapper allows after it went back. */
@EmbeddedCassandra
class PoolLifecycleTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Lifecycle", "Standard1", "Standard2");


    @Test
    void executeRunsOnTheWrapperAndAlwaysPutsItBack(CassandraNode node) {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).useThreadLocal(false).build()) {
            String server = pool.execute(client -> ((ConnectionWrapper) client).server());
            assertThat(server).isEqualTo(node.thriftAddress());
            assertThat(pool.checkedOut()).isZero();

            assertThatThrownBy(() -> pool.execute(client -> {
                throw new NotFoundException();
            })).isInstanceOf(NotFoundException.class);
            assertThat(pool.checkedOut()).isZero();
            assertThat(pool.checkedIn()).isEqualTo(5);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void executeRefusesANullCallWithoutKeepingAConnection(CassandraNode node) {
        for (boolean useThreadLocal : new boolean[] {true, false}) {
            try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).useThreadLocal(useThreadLocal).build()) {
                pool.put(pool.get());  // the thread's entry, which the warm path takes first
                assertThatThrownBy(() -> pool.execute(null)).isInstanceOf(NullPointerException.class)
                        .hasMessage("call");
                assertThat(pool.checkedOut()).as("useThreadLocal %s", useThreadLocal).isZero();
            }
        }
    }

    @Test
    void wrapperDescribesItsKeyspaceAndServer(CassandraNode node) throws Exception {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).build();
             ConnectionWrapper connection = pool.get()) {
            Map<String, CfDef> columnFamilies = connection.getKeyspaceDescription(null);
            assertThat(columnFamilies).containsOnlyKeys("Standard1", "Standard2");
            assertThat(columnFamilies.get("Standard1").getKeyspace()).isEqualTo(KEYSPACE.name());
            assertThat(connection.getKeyspaceDescription(KEYSPACE.name())).isEqualTo(columnFamilies);
            assertThat(connection.server()).isEqualTo(node.thriftAddress());
            assertThat(connection.operationCount()).isEqualTo(2);  // two describe_keyspace data calls
        }
    }

    @Test
    void aWrapperCannotBeUsedOnceItIsBack(CassandraNode node) {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).useThreadLocal(false).build()) {
            ConnectionWrapper connection = pool.get();
            connection.returnToPool();
            assertThatThrownBy(connection::describe_version).isInstanceOf(InvalidPoolRequestException.class)
                    .hasMessageContaining("not checked out");
            assertThatThrownBy(connection::close).isInstanceOf(InvalidPoolRequestException.class);
        }
    }

    @Test
    void putRefusesNullAndConnectionsOfAnotherPool(CassandraNode node) {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).build();
             ConnectionPool other = TestPools.builder(node, KEYSPACE).loggingName("other").build()) {
            ConnectionWrapper foreign = other.get();
            assertThatThrownBy(() -> pool.put(foreign)).isInstanceOf(InvalidPoolRequestException.class)
                    .hasMessageContaining("belongs to pool other");
            assertThatThrownBy(() -> pool.put(null)).isInstanceOf(InvalidPoolRequestException.class)
                    .hasMessageContaining("null");
            other.put(foreign);
            assertThat(other.checkedOut()).isZero();
        }
    }

    @Test
    void disposeClosesIdleConnectionsAndLeavesThePoolUsable(CassandraNode node) throws Exception {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).useThreadLocal(false).listener(events)
                .build()) {
            ConnectionWrapper held = pool.get();
            pool.dispose();
            assertThat(events.count(PoolEventType.CONNECTION_DISPOSED)).isEqualTo(4);
            assertThat(events.count(PoolEventType.POOL_DISPOSED)).isEqualTo(1);
            assertThat(pool.checkedIn()).isZero();

            assertThat(held.describe_version()).isNotBlank();
            pool.put(held);
            assertThat(pool.checkedIn()).isEqualTo(1);
            String version = pool.execute(client -> client.describe_version());
            assertThat(version).isNotBlank();
            pool.fill();
            assertThat(pool.checkedIn()).isEqualTo(5);
        }
    }

    @Test
    void closeEndsThePoolAndClosesConnectionsWhenTheyComeBack(CassandraNode node) throws Exception {
        RecordingListener events = new RecordingListener();
        CountingSocketFactory sockets = new CountingSocketFactory();
        ConnectionPool pool = TestPools.builder(node, KEYSPACE).useThreadLocal(false).socketFactory(sockets)
                .listener(events).build();
        ConnectionWrapper held = pool.get();
        pool.close();
        pool.close();  // idempotent
        assertThat(events.count(PoolEventType.POOL_DISPOSED)).isEqualTo(1);
        assertThat(sockets.open()).isEqualTo(1);
        assertThatThrownBy(pool::get).isInstanceOf(InvalidPoolRequestException.class).hasMessageContaining("closed");

        assertThat(held.describe_version()).isNotBlank();  // still works until it comes back
        pool.put(held);
        assertThat(sockets.open()).isZero();
        assertThat(events.events(PoolEventType.CONNECTION_DISPOSED)).last()
                .satisfies(e -> assertThat(e.connection()).isSameAs(held));
        assertThatThrownBy(held::describe_version).isInstanceOf(InvalidPoolRequestException.class);
        pool.put(held);  // already closed: ignored
    }

    @Test
    void closeWakesWaitersWithAClearError(CassandraNode node) throws Exception {
        ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).useThreadLocal(false).build();
        ConnectionWrapper held = pool.get();
        Waiters waiters = new Waiters(pool);
        waiters.startAndAwaitParked(1);
        pool.close();
        assertThat(waiters.outcome(0)).failsWithin(java.time.Duration.ofSeconds(30))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(InvalidPoolRequestException.class);
        pool.put(held);
        assertThat(pool.checkedOut()).isZero();
    }
}
