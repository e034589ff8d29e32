package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every event carries exactly the fields pycassa's documentation lists for it, at pycassa's level. */
@EmbeddedCassandra
class EventsTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Events", "Standard1");
    private static final List<String> FIELDS = List.of("connection", "message", "error", "server", "oldConnection",
            "newConnection", "poolMax", "serverList");


    private static List<String> setFields(PoolEvent event) {
        List<Function<PoolEvent, Object>> accessors = List.of(PoolEvent::connection, PoolEvent::message,
                PoolEvent::error, PoolEvent::server, PoolEvent::oldConnection, PoolEvent::newConnection,
                PoolEvent::poolMax, PoolEvent::serverList);
        List<String> set = new ArrayList<>();
        for (int i = 0; i < accessors.size(); i++) {
            if (accessors.get(i).apply(event) != null) {
                set.add(FIELDS.get(i));
            }
        }
        return set;
    }

    private static void assertEvent(RecordingListener events, PoolEventType type, PoolEvent.Level level,
                                    String poolId, String... fields) {
        assertThat(events.events(type)).as(type.name()).isNotEmpty().allSatisfy(event -> {
            assertThat(event.type()).isEqualTo(type);
            assertThat(event.poolId()).isEqualTo(poolId);
            assertThat(event.level()).isEqualTo(level);
            assertThat(setFields(event)).as(type + " fields").containsExactlyInAnyOrder(fields);
        });
    }

    @Test
    void eachEventCarriesExactlyItsDocumentedFields(CassandraNode node) throws Exception {
        RecordingListener events = new RecordingListener();
        ConnectionPool pool = TestPools.builder(node, KEYSPACE)
                .serverList(node.thriftAddress(), "127.0.0.1:1")
                .poolSize(1).maxOverflow(0).recycle(0).useThreadLocal(false)
                .poolTimeout(Duration.ZERO)
                .listener(events).build();
        ConnectionWrapper connection = pool.get();
        try {
            pool.get();
        } catch (NoConnectionAvailableException expected) {
            // fires poolAtMax and noConnectionAvailable
        }
        pool.put(connection);
        // One data call: more than recycle (0) operations, so the check-in recycles the connection.
        pool.execute(client -> client.describe_keyspace(KEYSPACE.name()));
        // The shuffled list may have put the live node first for every connect so far; with only the closed port
        // left, the next connect surely fails.
        pool.setServerList(List.of("127.0.0.1:1"));
        pool.dispose();
        assertThatThrownBy(pool::get).isInstanceOf(AllServersUnavailableException.class);
        pool.close();
        String id = pool.loggingName();

        assertEvent(events, PoolEventType.CONNECTION_CREATED, PoolEvent.Level.DEBUG, id, "connection");
        assertEvent(events, PoolEventType.CONNECTION_CHECKED_OUT, PoolEvent.Level.DEBUG, id, "connection");
        assertEvent(events, PoolEventType.CONNECTION_CHECKED_IN, PoolEvent.Level.DEBUG, id, "connection");
        assertEvent(events, PoolEventType.CONNECTION_DISPOSED, PoolEvent.Level.DEBUG, id, "connection", "message");
        assertEvent(events, PoolEventType.CONNECTION_FAILED, PoolEvent.Level.INFO, id, "error", "server");
        assertEvent(events, PoolEventType.CONNECTION_RECYCLED, PoolEvent.Level.DEBUG, id, "oldConnection",
                "newConnection");
        assertEvent(events, PoolEventType.POOL_AT_MAX, PoolEvent.Level.INFO, id, "poolMax");
        assertEvent(events, PoolEventType.NO_CONNECTION_AVAILABLE, PoolEvent.Level.WARN, id, "poolMax");
        assertEvent(events, PoolEventType.POOL_DISPOSED, PoolEvent.Level.INFO, id);
        assertEvent(events, PoolEventType.SERVER_LIST_OBTAINED, PoolEvent.Level.DEBUG, id, "serverList");
        assertEvent(events, PoolEventType.SERVER_MARKED_DOWN, PoolEvent.Level.WARN, id, "server", "error");
        assertThat(events.events(PoolEventType.CONNECTION_FAILED)).allSatisfy(
                e -> assertThat(e.server()).isEqualTo("127.0.0.1:1"));
    }

    @Test
    void serverListObtainedCarriesTheShuffledListBeforeThePoolFills(CassandraNode node) {
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).listener(events).build()) {
            assertThat(events.all().get(0).type()).isEqualTo(PoolEventType.SERVER_LIST_OBTAINED);
            assertThat(events.events(PoolEventType.SERVER_LIST_OBTAINED).get(0).serverList())
                    .isEqualTo(pool.serverList());
            pool.setServerList(List.of(node.thriftAddress(), node.thriftAddress()));
            assertThat(events.count(PoolEventType.SERVER_LIST_OBTAINED)).isEqualTo(2);
        }
    }

    @Test
    void aLambdaListenerReceivesOnlyItsEventAndAFailingListenerBreaksNothing(CassandraNode node) throws Exception {
        List<PoolEvent> created = new ArrayList<>();
        RecordingListener events = new RecordingListener();
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(2)
                .listener(PoolListener.on(PoolEventType.CONNECTION_CREATED, created::add))
                .listener(PoolListener.on(PoolEventType.CONNECTION_CHECKED_OUT, e -> {
                    throw new IllegalStateException("a broken listener");
                }))
                .listener(events)
                .build()) {
            assertThat(created).hasSize(2).allSatisfy(e -> assertThat(e.connection()).isNotNull());
            String version = pool.execute(client -> client.describe_version());
            assertThat(version).isNotBlank();
            // The listener after the broken one still got the event, and the pool worked.
            assertThat(events.count(PoolEventType.CONNECTION_CHECKED_OUT)).isEqualTo(1);
            assertThat(pool.checkedOut()).isZero();
        }
    }

    @Test
    void aListenerThatOverridesOnEventReceivesEveryEventAndNoMethodIsCalledBehindIt(CassandraNode node)
            throws Exception {
        List<PoolEvent> all = new ArrayList<>();
        RecordingListener events = new RecordingListener();
        PoolListener everything = new PoolListener() {
            @Override
            public void onEvent(PoolEvent event) {
                all.add(event);
            }

            @Override
            public void connectionCheckedOut(PoolEvent event) {
                throw new AssertionError("onEvent is overridden: the pool delivers there");
            }
        };
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).listener(everything)
                .listener(events).build()) {
            pool.execute(client -> client.describe_version());
        }
        assertThat(all).extracting(PoolEvent::type).containsExactlyElementsOf(
                events.all().stream().map(RecordingListener.Recorded::type).toList());
        assertThat(all).extracting(PoolEvent::type).contains(PoolEventType.SERVER_LIST_OBTAINED,
                PoolEventType.CONNECTION_CREATED, PoolEventType.CONNECTION_CHECKED_OUT,
                PoolEventType.CONNECTION_CHECKED_IN, PoolEventType.CONNECTION_DISPOSED, PoolEventType.POOL_DISPOSED);
    }

    @Test
    void listenersAddedLaterReceiveLaterEvents(CassandraNode node) throws Exception {
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).build()) {
            RecordingListener events = new RecordingListener();
            pool.addListener(events);
            pool.execute(client -> client.describe_version());
            assertThat(events.count(PoolEventType.CONNECTION_CHECKED_OUT)).isEqualTo(1);
            assertThat(events.count(PoolEventType.CONNECTION_CHECKED_IN)).isEqualTo(1);
        }
    }
}
