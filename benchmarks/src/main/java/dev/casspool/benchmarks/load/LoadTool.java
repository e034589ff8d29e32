package dev.casspool.benchmarks.load;

import dev.casspool.embedded.ThriftConnection;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import jdk.jfr.consumer.RecordedEvent;
import org.apache.thrift.TException;

/**
 * The end-to-end load tool: T threads doing Thrift requests for S seconds through casspool, against a baseline in the
 * same run of T threads that each own a raw client. The sides alternate (baseline, pool, baseline, pool, ...) for R
 * rounds per thread count, and the tool prints ops/s, p50 and p99 for each round, then the medians and the
 * pool/baseline ratios.
 *
 * <p>Unless {@code --address} names a running node, it starts an embedded Cassandra node and closes it at the end,
 * also on Ctrl-C. Run without arguments for the defaults; {@code --help} lists the options.
 */
public final class LoadTool {

    private static volatile boolean stopping;

    private final LoadSettings settings;
    private final LoadTarget target;
    private final PrintStream out;

    private LoadTool(LoadSettings settings, LoadTarget target, PrintStream out) {
        this.settings = settings;
        this.target = target;
        this.out = out;
    }

    /**
     * Runs the tool.
     *
     * @param args see {@link LoadSettings#USAGE}
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(LoadSettings.USAGE);
            return;
        }
        LoadSettings settings;
        try {
            settings = LoadSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LoadSettings.USAGE);
            System.exit(2);
            return;
        }
        if (settings.ring() > 0) {
            RingComparison.main(settings);
            return;
        }
        LoadTarget target = settings.address() == null
                ? LoadTarget.startNode(settings.keyspace())
                : LoadTarget.existing(settings.address(), settings.keyspace());
        // Ctrl-C must not leave a Cassandra JVM and its data behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            target.close();
        }, "load-tool-shutdown"));
        try {
            new LoadTool(settings, target, System.out).run();
        } catch (IllegalStateException failure) {
            // Once stopping, the node is gone and the round in progress fails; that is no news.
            if (!stopping) {
                throw failure;
            }
        } finally {
            target.close();
        }
    }

    private void run() throws TException, InterruptedException {
        out.printf("casspool load tool: %s on %s (%s), keyspace %s; T=%s, S=%ds, R=%d, warm-up %ds per side;"
                        + " pool with %s; Java %s%n", settings.workload().name().toLowerCase(Locale.ROOT),
                target.address(), target.embedded() ? "embedded node" : "given node", target.keyspace(),
                settings.threadCounts(), settings.roundLength().toSeconds(), settings.rounds(),
                settings.warmup().toSeconds(), settings.pool().describe(), Runtime.version());
        try (ThriftConnection connection = ThriftConnection.open(target.host(), target.port(), settings.timeout())) {
            Workload.prepare(connection.useKeyspace(target.keyspace()).client());
        }
        if (settings.virtualThreads() > 0) {
            runVirtual(settings.virtualThreads());
        } else {
            runAgainstRawClients();
        }
    }

    /**
     * The pool (T platform threads on T connections, or on {@code --pool-size}) against T raw Thrift clients, for each
     * T.
     */
    private void runAgainstRawClients() throws TException, InterruptedException {
        LoadReport report = new LoadReport(out, "baseline", "pool",
                settings.pool().poolSize() == null ? Targets.POOL_AGAINST_RAW : Targets.NONE);
        for (int threads : settings.threadCounts()) {
            try (RawClients baseline = new RawClients(target, threads, settings.timeout());
                 PooledClients pool = new PooledClients(target, threads, settings.timeout(), settings.pool())) {
                warmUp(baseline, threads, LoadThreads.PLATFORM);
                warmUp(pool, threads, LoadThreads.PLATFORM);
                for (int round = 1; round <= settings.rounds(); round++) {
                    RoundResult baselineResult = measure(baseline, threads, LoadThreads.PLATFORM);
                    RoundResult poolResult = measure(pool, threads, LoadThreads.PLATFORM);
                    report.round(threads, round, baselineResult, poolResult);
                }
            }
        }
        report.printSummary();
    }

    /**
     * For each T: one pool of T connections, loaded by T platform threads and by {@code virtual} virtual threads in
     * turn, and T raw clients in a queue shared by {@code virtual} virtual threads; counts carrier threads pinned
     * during the virtual rounds.
     */
    private void runVirtual(int virtual) throws TException, InterruptedException {
        LoadReport againstPlatform = new LoadReport(out, "platform", "virtual", Targets.NONE);
        LoadReport againstQueue = new LoadReport(out, "raw-queue", "virtual", Targets.NONE);
        long pinned = 0;
        String firstPinnedStack = null;
        for (int threads : settings.threadCounts()) {
            try (PooledClients pool = new PooledClients(target, threads, settings.timeout(), settings.pool());
                 QueuedRawClients queue = new QueuedRawClients(target, threads, settings.timeout())) {
                warmUp(pool, threads, LoadThreads.PLATFORM);
                warmUp(pool, virtual, LoadThreads.VIRTUAL);
                warmUp(queue, virtual, LoadThreads.VIRTUAL);
                for (int round = 1; round <= settings.rounds(); round++) {
                    RoundResult platform = measure(pool, threads, LoadThreads.PLATFORM);
                    RoundResult queued = measure(queue, virtual, LoadThreads.VIRTUAL);
                    RoundResult virtualResult;
                    try (PinnedCarriers pins = new PinnedCarriers()) {
                        virtualResult = measure(pool, virtual, LoadThreads.VIRTUAL);
                        List<RecordedEvent> events = pins.stop();
                        pinned += events.size();
                        if (firstPinnedStack == null && !events.isEmpty()) {
                            firstPinnedStack = String.valueOf(events.get(0).getStackTrace());
                        }
                    }
                    againstPlatform.round(threads, round, platform, virtualResult);
                    againstQueue.record(threads, queued, virtualResult);
                    out.println(LoadReport.line(threads, round, "raw-queue", queued));
                }
            }
        }
        againstPlatform.printSummary();
        againstQueue.printSummary();
        out.printf("%nVirtual threads: %d sharing each pool; jdk.VirtualThreadPinned events during their rounds: %d%n",
                virtual, pinned);
        if (firstPinnedStack != null) {
            out.println("First pinned stack: " + firstPinnedStack);
        }
    }

    private void warmUp(Contender side, int threads, LoadThreads kind) throws InterruptedException {
        LoadRound.run(side, settings.workload(), threads, settings.warmup(), kind);
    }

    private RoundResult measure(Contender side, int threads, LoadThreads kind) throws InterruptedException {
        return LoadRound.run(side, settings.workload(), threads, settings.roundLength(), kind);
    }
}
