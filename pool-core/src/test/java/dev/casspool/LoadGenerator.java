package dev.casspool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.cassandra.thrift.ConsistencyLevel;

/**
 * Threads that write rows and read back their own acknowledged writes through a pool, at QUORUM, counting what clients
 * saw: operations, failures, the slowest operation, and the last write Cassandra acknowledged for every key. Each
 * thread cycles through keys of its own ({@value #KEYS_PER_THREAD}), so that memory stays flat however long it runs,
 * and a read of a key must return exactly the value the same thread last wrote to it. A write that failed may still
 * have been applied (Cassandra timed out after some replicas took it), so its key is uncertain until the next
 * acknowledged write to it, and is not checked meanwhile.
 */
final class LoadGenerator {

    private static final int KEYS_PER_THREAD = 2_000;

    private final ColumnFamily columnFamily;
    private final int threads;
    private final List<Thread> workers = new ArrayList<>();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> uncertain = ConcurrentHashMap.newKeySet();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong acknowledgedWrites = new AtomicLong();
    private final AtomicLong maxLatencyNanos = new AtomicLong();
    private volatile boolean running;

    LoadGenerator(ConnectionPool pool, String columnFamily, int threads) {
        this.columnFamily = new ColumnFamily(pool, columnFamily);
        this.columnFamily.setReadConsistencyLevel(ConsistencyLevel.QUORUM);
        this.columnFamily.setWriteConsistencyLevel(ConsistencyLevel.QUORUM);
        this.threads = threads;
    }

    LoadGenerator start() {
        running = true;
        for (int t = 0; t < threads; t++) {
            String prefix = "t" + t + "-" + System.nanoTime() + "-";
            Thread worker = new Thread(() -> run(prefix), "load-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        return this;
    }

    private void run(String prefix) {
        List<String> mine = new ArrayList<>();
        for (long i = 0; running; i++) {
            long start = System.nanoTime();
            try {
                if (i % 2 == 0 || mine.isEmpty()) {
                    write(prefix + (i / 2 % KEYS_PER_THREAD), "v" + i, mine);
                } else {
                    String key = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
                    String read = columnFamily.get(key).get("c");
                    if (!uncertain.contains(key) && !Objects.equals(read, acknowledged.get(key))) {
                        failures.add(new AssertionError("read " + read + " for " + key + ", acknowledged "
                                + acknowledged.get(key)));
                    }
                }
                operations.incrementAndGet();
            } catch (Exception e) {
                failures.add(e);
            }
            maxLatencyNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
        }
    }

    private void write(String key, String value, List<String> mine) throws Exception {
        try {
            columnFamily.insert(key, Map.of("c", value));
        } catch (Exception e) {
            uncertain.add(key);
            throw e;
        }
        acknowledgedWrites.incrementAndGet();
        uncertain.remove(key);
        if (acknowledged.put(key, value) == null) {
            mine.add(key);
        }
    }

    long operations() {
        return operations.get();
    }

    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    Duration maxLatency() {
        return Duration.ofNanos(maxLatencyNanos.get());
    }

    long acknowledgedWrites() {
        return acknowledgedWrites.get();
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(60_000);
        }
    }

    /**
     * Reads every key back at QUORUM; returns those whose value is missing or older than the last acknowledged write.
     */
    List<String> lostWrites() throws Exception {
        return lostWrites(ConsistencyLevel.QUORUM);
    }

    /**
     * Reads every key back at {@code level}; returns those whose value is missing or older than the last acknowledged
     * write. The generator's own reads go back to QUORUM afterwards.
     */
    List<String> lostWrites(ConsistencyLevel level) throws Exception {
        columnFamily.setReadConsistencyLevel(level);
        try {
            return readBack();
        } finally {
            columnFamily.setReadConsistencyLevel(ConsistencyLevel.QUORUM);
        }
    }

    private List<String> readBack() throws Exception {
        List<String> keys = new ArrayList<>(acknowledged.keySet());
        keys.removeAll(uncertain);
        List<String> lost = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 500) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + 500));
            Map<String, Map<String, String>> rows = columnFamily.multiget(batch);
            for (String key : batch) {
                Map<String, String> row = rows.get(key);
                if (row == null || !acknowledged.get(key).equals(row.get("c"))) {
                    lost.add(key);
                }
            }
        }
        return lost;
    }

    /** A line for the fault report. */
    String summary() {
        return operations() + " operations, " + acknowledgedWrites() + " acknowledged writes, " + failures.size()
                + " failures, slowest operation " + maxLatency().toMillis() + " ms";
    }
}
