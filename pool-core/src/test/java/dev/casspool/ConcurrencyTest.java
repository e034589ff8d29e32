package dev.casspool;

import static dev.casspool.Utf8.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.cassandra.thrift.Column;
import org.apache.cassandra.thrift.ColumnParent;
import org.apache.cassandra.thrift.ColumnPath;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 32 threads hammering execute: counters end exact, sockets stay within limits, no operation is lost. */
@EmbeddedCassandra
class ConcurrencyTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Concurrency", "Standard1");
    private static final int THREADS = 32;
    private static final int OPERATIONS = 100_000;
    private static final ColumnParent STANDARD1 = new ColumnParent("Standard1");


    @Test
    void thirtyTwoThreadsShareThePoolWithoutLosingAnOperation(CassandraNode node) throws Exception {
        CountingSocketFactory sockets = new CountingSocketFactory();
        RecordingListener events = new RecordingListener();
        int poolSize = 8;
        int maxOverflow = 4;
        try (ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(poolSize).maxOverflow(maxOverflow)
                .recycle(2_000).socketFactory(sockets).listener(PoolListener.on(
                        PoolEventType.CONNECTION_FAILED, events::connectionFailed)).build()) {
            AtomicInteger nextOperation = new AtomicInteger();
            AtomicInteger acknowledgedWrites = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(threads.submit(() -> {
                    for (int op = nextOperation.getAndIncrement(); op < OPERATIONS;
                            op = nextOperation.getAndIncrement()) {
                        ByteBuffer key = bytes("k" + (op / 2));
                        if (op % 2 == 0) {
                            Column column = new Column(bytes("c")).setValue(bytes("v" + op)).setTimestamp(op);
                            pool.execute(client -> {
                                client.insert(key, STANDARD1, column, ConsistencyLevel.ONE);
                                return null;
                            });
                            acknowledgedWrites.incrementAndGet();
                        } else {
                            pool.execute(client -> client.get_count(key, STANDARD1, allColumns(),
                                    ConsistencyLevel.ONE));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            threads.shutdown();

            assertThat(pool.checkedOut()).isZero();
            assertThat(pool.pending()).isZero();
            assertThat(sockets.maxOpen()).isLessThanOrEqualTo(poolSize + maxOverflow);
            assertThat(sockets.open()).isEqualTo(pool.checkedIn());
            assertThat(events.all()).isEmpty();
            assertThat(acknowledgedWrites.get()).isEqualTo(OPERATIONS / 2);

            // Every acknowledged write is stored.
            for (int op = 0; op < OPERATIONS; op += 2) {
                ByteBuffer key = bytes("k" + (op / 2));
                String expected = "v" + op;
                String stored = pool.execute(client -> StandardCharsets.UTF_8.decode(client.get(key,
                        new ColumnPath("Standard1").setColumn(bytes("c")), ConsistencyLevel.ONE)
                        .getColumn().bufferForValue()).toString());
                assertThat(stored).isEqualTo(expected);
            }
        }
    }

    private static org.apache.cassandra.thrift.SlicePredicate allColumns() {
        return new org.apache.cassandra.thrift.SlicePredicate().setSlice_range(
                new org.apache.cassandra.thrift.SliceRange(bytes(""), bytes(""), false, 100));
    }
}
