package dev.casspool.benchmarks.load;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.thrift.TException;

/**
 * The token-aware comparison of the load tool ({@code --ring N}): on a ring whose keyspace has replication factor 1,
 * T threads send requests about random rows through a round-robin pool (pycassa's static list of every node) and
 * through a token-aware pool (ring discovery, {@code tokenAware}), alternating rounds, and the report shows throughput,
 * latency, this process's CPU and the nodes' CPU per operation, where the coordinator's extra hop of a request sent to
 * a node that does not hold the row shows.
 */
final class RingComparison {

    private final LoadSettings settings;
    private final RingTarget ring;
    private final PrintStream out;

    private RingComparison(LoadSettings settings, RingTarget ring, PrintStream out) {
        this.settings = settings;
        this.ring = ring;
        this.out = out;
    }

    /** Starts (or finds) the ring, runs the comparison and closes the ring if it started it, also on Ctrl-C. */
    static void main(LoadSettings settings) throws TException, InterruptedException {
        RingTarget ring = settings.address() == null ? RingTarget.start(settings.ring(), settings.keyspace())
                : RingTarget.existing(settings.address(), settings.keyspace());
        Runtime.getRuntime().addShutdownHook(new Thread(ring::close, "ring-comparison-shutdown"));
        try {
            new RingComparison(settings, ring, System.out).run();
        } finally {
            ring.close();
        }
    }

    private void run() throws InterruptedException {
        Workload workload = settings.workload().onRingKeys();
        out.printf("casspool ring comparison: %s of %d random rows on %s (%s), keyspace %s at RF 1; T=%s, S=%ds, R=%d,"
                        + " warm-up %ds per side; pools with %s and T connections unless told otherwise; Java %s%n",
                workload.name().toLowerCase(Locale.ROOT), settings.keys(), ring.addresses(),
                ring.embedded() ? "embedded ring" : "given ring", ring.keyspace(), settings.threadCounts(),
                settings.roundLength().toSeconds(), settings.rounds(), settings.warmup().toSeconds(),
                settings.pool().describe(), Runtime.version());
        RingKeys.create(settings.keys());
        ClusterCpu cpu = ring.cpu();
        LoadReport report = new LoadReport(out, "round-robin", "token-aware",
                Targets.TOKEN_AWARE_AGAINST_ROUND_ROBIN);
        boolean written = false;
        for (int threads : settings.threadCounts()) {
            try (PooledClients roundRobin = pool("round-robin", threads, false);
                 PooledClients tokenAware = pool("token-aware", threads, true)) {
                if (workload == Workload.RING_GET && !written) {
                    RingKeys.write(tokenAware.pool(), Math.max(threads, 4));
                    written = true;
                }
                LoadRound.run(roundRobin, workload, threads, settings.warmup(), LoadThreads.PLATFORM);
                LoadRound.run(tokenAware, workload, threads, settings.warmup(), LoadThreads.PLATFORM);
                for (int round = 1; round <= settings.rounds(); round++) {
                    RoundResult baseline = LoadRound.run(roundRobin, workload, threads, settings.roundLength(),
                            LoadThreads.PLATFORM, cpu);
                    RoundResult measured = LoadRound.run(tokenAware, workload, threads, settings.roundLength(),
                            LoadThreads.PLATFORM, cpu);
                    report.round(threads, round, baseline, measured);
                }
            }
        }
        report.printSummary();
    }

    private PooledClients pool(String name, int threads, boolean tokenAware) {
        List<String> servers = ring.addresses();
        return new PooledClients(name, ring.keyspace(), servers, threads, settings.timeout(), settings.pool(),
                builder -> tokenAware ? builder.ringDiscovery(true).tokenAware(true) : builder);
    }
}
