package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.CassandraCluster;
import dev.casspool.embedded.EmbeddedCassandra;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ten minutes (system property {@code casspool.soak.duration}, ISO-8601) of 32 threads reading and writing at QUORUM
 * on a 3-node ring, recycling every 1000 operations, with one node restarted every minute. Prints file descriptors,
 * heap and pool counters every 30 s; asserts that no acknowledged write is lost, no connection or socket leaks, and
 * descriptors and heap stay flat. Not part of the default test command: {@code -Dgroups=soak} runs it (see
 * RELIABILITY.md).
 */
@Tag("soak")
@EmbeddedCassandra(nodes = 3, name = "soak", yaml = {"read_request_timeout_in_ms=500",
        "range_request_timeout_in_ms=500", "write_request_timeout_in_ms=500", "request_timeout_in_ms=800"})
class SoakTest {

    private static final String KEYSPACE = TestPools.uniqueKeyspace("Soak");
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);
    private static final Duration RESTART_EVERY = Duration.ofMinutes(1);

    @BeforeAll
    static void createKeyspace(CassandraCluster cluster) {
        cluster.schema().createKeyspace(KEYSPACE, 3, "Standard1");
    }

    @Test
    void thirtyTwoThreadsThroughRollingRestartsLoseNothingAndLeakNothing(CassandraCluster cluster) throws Exception {
        Duration duration = Duration.parse(System.getProperty("casspool.soak.duration", "PT10M"));
        CountingSocketFactory sockets = new CountingSocketFactory();
        List<Sample> samples = new ArrayList<>();
        try (ConnectionPool pool = TestPools.builder(cluster, KEYSPACE).poolSize(8).maxOverflow(8).recycle(1_000)
                .timeout(Duration.ofSeconds(2)).maxRetries(10).socketFactory(sockets)
                .serverRetryInitialDelay(Duration.ofMillis(200)).serverRetryMaxDelay(Duration.ofSeconds(2)).build()) {
            LoadGenerator load = new LoadGenerator(pool, "Standard1", 32).start();
            long start = System.nanoTime();
            long nextReport = start;
            long nextRestart = start + RESTART_EVERY.toNanos();
            int restarts = 0;
            while (System.nanoTime() - start < duration.toNanos()) {
                if (System.nanoTime() - nextReport >= 0) {
                    samples.add(Sample.take(start, load, pool, sockets));
                    System.out.println("SOAK " + samples.get(samples.size() - 1));
                    nextReport += REPORT_EVERY.toNanos();
                }
                if (System.nanoTime() - nextRestart >= 0) {
                    cluster.node(restarts++ % cluster.size()).restart();
                    nextRestart += RESTART_EVERY.toNanos();
                }
                Thread.sleep(100);
            }
            load.stop();
            Sample last = Sample.take(start, load, pool, sockets);
            samples.add(last);
            System.out.println("SOAK " + last + "; " + restarts + " restarts; " + load.summary());

            assertThat(load.failures()).isEmpty();
            assertThat(load.lostWrites()).isEmpty();
            assertThat(pool.checkedOut()).isZero();
            assertThat(sockets.open()).isEqualTo(pool.checkedIn());
            // poolSize + maxOverflow pooled connections, plus the one probe of a restarted server at a time.
            assertThat(sockets.maxOpen()).isLessThanOrEqualTo(16 + 1);
            Sample first = samples.get(1 < samples.size() ? 1 : 0);
            assertThat(last.fileDescriptors()).isLessThanOrEqualTo(first.fileDescriptors() + 16);
            assertThat(last.heapMegabytes()).isLessThanOrEqualTo(first.heapMegabytes() + 64);
        }
    }

    /** What the JVM and the pool look like at one moment. */
    private record Sample(long seconds, long operations, long fileDescriptors, long heapMegabytes, int checkedOut,
                          int checkedIn, int openSockets) {

        static Sample take(long start, LoadGenerator load, ConnectionPool pool, CountingSocketFactory sockets) {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            String[] fds = new File("/proc/self/fd").list();
            return new Sample((System.nanoTime() - start) / 1_000_000_000L, load.operations(),
                    fds == null ? -1 : fds.length, heap, pool.checkedOut(), pool.checkedIn(), sockets.open());
        }

        @Override
        public String toString() {
            return "t=" + seconds + "s ops=" + operations + " fds=" + fileDescriptors + " heapMB=" + heapMegabytes
                    + " checkedOut=" + checkedOut + " checkedIn=" + checkedIn + " sockets=" + openSockets;
        }
    }
}
