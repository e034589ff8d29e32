package dev.casspool.benchmarks.load;

import dev.casspool.ConnectionPool;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.cassandra.thrift.ColumnParent;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.thrift.TException;

/**
 * The row keys of the ring comparison: random keys of 8 to 24 bytes (high bytes included), the same in every run,
 * spread over the whole ring; each request picks one at random.
 */
final class RingKeys {

    private static final long SEED = 20261130L;
    private static volatile ByteBuffer[] keys = new ByteBuffer[0];

    private RingKeys() {
    }

    /** Makes {@code count} keys. */
    static void create(int count) {
        Random random = new Random(SEED);
        ByteBuffer[] made = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            byte[] key = new byte[8 + random.nextInt(17)];
            random.nextBytes(key);
            made[i] = ByteBuffer.wrap(key);
        }
        keys = made;
    }

    /** A random key of the set, as a buffer of the caller's own (Thrift moves a buffer's position as it writes). */
    static ByteBuffer random() {
        ByteBuffer[] current = keys;
        return current[ThreadLocalRandom.current().nextInt(current.length)].duplicate();
    }

    /** Writes every key's column through {@code pool}, with {@code threads} threads, so that reads find them. */
    static void write(ConnectionPool pool, int threads) throws InterruptedException {
        ByteBuffer[] all = keys;
        ColumnParent parent = new ColumnParent(Workload.COLUMN_FAMILY);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] writers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int first = t;
            writers[t] = new Thread(() -> {
                try {
                    for (int i = first; i < all.length; i += threads) {
                        ByteBuffer key = all[i].duplicate();
                        pool.execute(key, client -> {
                            client.insert(key, parent, Workload.column(), ConsistencyLevel.ONE);
                            return null;
                        });
                    }
                } catch (TException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "ring-keys-writer-" + t);
            writers[t].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Writing the ring's keys failed: " + failure.get(), failure.get());
        }
    }
}
