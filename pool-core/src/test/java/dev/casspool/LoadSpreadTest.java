package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.CassandraCluster;
import dev.casspool.embedded.EmbeddedCassandra;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.cassandra.thrift.ColumnParent;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.cassandra.thrift.SlicePredicate;
import org.apache.cassandra.thrift.SliceRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a pool size that is a multiple of the server count, each server carries an equal share (pycassa's promise).
 * The promise assumes equally fast servers: reads at QUORUM on RF 3 load two of the three nodes whichever one
 * coordinates, and a warm-up lets every node's JIT catch up before counting.
 */
@EmbeddedCassandra(nodes = 3)
class LoadSpreadTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Spread", "Standard1");
    private static final int THREADS = 16;
    private static final int WARM_UP = 5_000;
    private static final int OPERATIONS = 30_000;


    @Test
    void sixConnectionsOverThreeNodesCarryAThirdEach(CassandraCluster cluster) throws Exception {
        Map<String, LongAdder> operationsByServer = new ConcurrentHashMap<>();
        try (ConnectionPool pool = TestPools.builder(cluster, KEYSPACE).poolSize(6).build()) {
            ColumnParent parent = new ColumnParent("Standard1");
            SlicePredicate all = new SlicePredicate().setSlice_range(new SliceRange(bytes(""), bytes(""), false, 10));
            AtomicInteger next = new AtomicInteger(-WARM_UP);
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(threads.submit(() -> {
                    for (int op = next.getAndIncrement(); op < OPERATIONS; op = next.getAndIncrement()) {
                        String server = pool.execute(client -> {
                            client.get_count(bytes("hot"), parent, all, ConsistencyLevel.QUORUM);
                            return ((ConnectionWrapper) client).server();
                        });
                        if (op >= 0) {
                            operationsByServer.computeIfAbsent(server, s -> new LongAdder()).increment();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            threads.shutdown();
            assertThat(pool.serverStatuses()).allSatisfy(server -> assertThat(server.openConnections()).isEqualTo(2));
        }
        assertThat(operationsByServer).containsOnlyKeys(cluster.thriftAddresses());
        long total = operationsByServer.values().stream().mapToLong(LongAdder::sum).sum();
        assertThat(total).isEqualTo(OPERATIONS);
        // 1/3 plus or minus 5 percentage points: the servers share two cores with each other and with this test.
        operationsByServer.forEach((server, count) -> assertThat(count.sum() / (double) total)
                .as("share of %s in %s", server, operationsByServer)
                .isBetween(1 / 3.0 - 0.05, 1 / 3.0 + 0.05));
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
