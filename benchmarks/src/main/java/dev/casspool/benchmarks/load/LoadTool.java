package dev.casspool.benchmarks.load;

import dev.casspool.embedded.ThriftConnection;
import java.io.PrintStream;
import java.util.Locale;
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
                        + " pool useThreadLocal=%s%n", settings.workload().name().toLowerCase(Locale.ROOT),
                target.address(), target.embedded() ? "embedded node" : "given node", target.keyspace(),
                settings.threadCounts(), settings.roundLength().toSeconds(), settings.rounds(),
                settings.warmup().toSeconds(), settings.useThreadLocal());
        try (ThriftConnection connection = ThriftConnection.open(target.host(), target.port(), settings.timeout())) {
            Workload.prepare(connection.useKeyspace(target.keyspace()).client());
        }
        LoadReport report = new LoadReport(out);
        for (int threads : settings.threadCounts()) {
            try (RawClients baseline = new RawClients(target, threads, settings.timeout());
                 PooledClients pool = new PooledClients(target, threads, settings.timeout(),
                         settings.useThreadLocal())) {
                LoadRound.run(baseline, settings.workload(), threads, settings.warmup());
                LoadRound.run(pool, settings.workload(), threads, settings.warmup());
                for (int round = 1; round <= settings.rounds(); round++) {
                    RoundResult baselineResult = LoadRound.run(baseline, settings.workload(), threads,
                            settings.roundLength());
                    RoundResult poolResult = LoadRound.run(pool, settings.workload(), threads,
                            settings.roundLength());
                    report.round(threads, round, baselineResult, poolResult);
                }
            }
        }
        report.printSummary();
    }
}
