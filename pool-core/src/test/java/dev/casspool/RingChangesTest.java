package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.CassandraCluster;
import dev.casspool.embedded.CassandraNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A ring that changes under load: 16 threads write and read at QUORUM (RF 3) through a ring-discovering, token-aware
 * pool while a fourth node joins and then a node is decommissioned. The new node serves operations within two refresh
 * intervals, the decommissioned one loses its connections, no operation fails, and every acknowledged write reads
 * back at ALL. Slow (a join and a decommission take about a minute), so tagged {@code ring}: run it with
 * {@code mvn -B verify -pl pool-core -am -Dgroups=ring -Dcasspool.test.excludedGroups=}.
 */
@Tag("ring")
class RingChangesTest {

    private static final Duration REFRESH = Duration.ofSeconds(3);
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @Test
    void aNodeThatJoinsServesAndANodeThatLeavesLosesItsConnectionsWithoutAFailedOperation() throws Exception {
        // A joining node that its peers drop from gossip during a long bootstrap misses writes; a ring delay of 10 s
        // on every node keeps it in (see CassandraCluster.addNode).
        try (CassandraCluster cluster = CassandraCluster.builder().size(3).clusterName("casspool-ring-changes")
                .jvmOption("-Dcassandra.ring_delay_ms=10000").build().start()) {
            cluster.schema().createKeyspace("RingChanges", 3, "Standard1");
            RecordingListener events = new RecordingListener();
            Map<String, AtomicLong> servedBy = new ConcurrentHashMap<>();
            Map<String, AtomicInteger> openSockets = new ConcurrentHashMap<>();
            try (ConnectionPool pool = TestPools.builder(List.of(cluster.node(0).thriftAddress()), "RingChanges")
                    .ringDiscovery(true).ringRefreshInterval(REFRESH).tokenAware(true).poolSize(24)
                    .socketFactory(countingByAddress(openSockets)).listener(events)
                    .listener(PoolListener.on(PoolEventType.CONNECTION_CHECKED_OUT, event -> servedBy.computeIfAbsent(
                            event.connection().server(), server -> new AtomicLong()).incrementAndGet()))
                    .build()) {
                LoadGenerator load = new LoadGenerator(pool, "Standard1", 16).start();

                CassandraNode joined = cluster.addNode();
                long joinedAt = System.nanoTime();
                Conditions.await("operations on the new node", PATIENCE,
                        () -> servedBy.getOrDefault(joined.thriftAddress(), new AtomicLong()).get() > 0);
                assertThat(Duration.ofNanos(System.nanoTime() - joinedAt)).isLessThan(REFRESH.multipliedBy(2));
                assertThat(events.events(PoolEventType.SERVER_ADDED)).extracting(PoolEvent::server)
                        .contains(joined.thriftAddress());
                long before = load.operations();
                Conditions.await("operations after the join", PATIENCE, () -> load.operations() > before + 500);

                CassandraNode leaving = cluster.node(1);
                String leavingAddress = leaving.thriftAddress();
                cluster.decommission(leaving);
                Conditions.await("the pool to drop the decommissioned node", PATIENCE,
                        () -> pool.serverStatuses().stream().noneMatch(s -> s.address().equals(leavingAddress)));
                assertThat(events.events(PoolEventType.SERVER_REMOVED)).extracting(PoolEvent::server)
                        .contains(leavingAddress);
                Conditions.await("its connections to close", PATIENCE,
                        () -> openSockets.get(leavingAddress).get() == 0);
                long afterLeave = load.operations();
                Conditions.await("operations after the decommission", PATIENCE,
                        () -> load.operations() > afterLeave + 500);

                load.stop();
                System.out.println("RING changes under load: " + load.summary());
                assertThat(load.failures()).isEmpty();
                assertThat(load.lostWrites(ConsistencyLevel.ALL)).isEmpty();
                assertThat(pool.routedToReplica()).isPositive();
            }
        }
    }

    /** Plain sockets, counted while open by the address they connect to. */
    private static SocketFactory countingByAddress(Map<String, AtomicInteger> open) {
        return (host, port, timeout) -> {
            AtomicInteger count = open.computeIfAbsent(host + ":" + port, address -> new AtomicInteger());
            int millis = timeout == null ? 0 : Math.toIntExact(timeout.toMillis());
            return new TSocket(new TConfiguration(), host, port, millis, millis) {
                private boolean counted;

                @Override
                public void open() throws TTransportException {
                    super.open();
                    counted = true;
                    count.incrementAndGet();
                }

                @Override
                public void close() {
                    super.close();
                    if (counted) {
                        counted = false;
                        count.decrementAndGet();
                    }
                }
            };
        };
    }
}
