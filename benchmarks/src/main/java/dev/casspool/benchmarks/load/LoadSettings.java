package dev.casspool.benchmarks.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The load tool's command line.
 *
 * @param threadCounts the thread counts T to measure, one after the other
 * @param roundLength how long each side runs per round (S)
 * @param rounds how many baseline/pool pairs are measured per thread count (R)
 * @param warmup how long each side runs, unmeasured, before the rounds of a thread count
 * @param workload what every thread does
 * @param address a running node's {@code host:port} (loopback), or null to start one
 * @param keyspace the keyspace to load, created if missing
 * @param useThreadLocal the pool's {@code useThreadLocal}
 * @param timeout the socket timeout of both sides
 */
record LoadSettings(List<Integer> threadCounts, Duration roundLength, int rounds, Duration warmup, Workload workload,
                    String address, String keyspace, boolean useThreadLocal, Duration timeout) {

    static final String USAGE = """
            Usage: LoadTool [--threads 1,4,16] [--seconds 5] [--rounds 5] [--warmup 5] [--op get|insert]
                            [--address host:port] [--keyspace casspool_bench] [--thread-local true|false]
              --threads       thread counts T to measure, comma-separated (default 1,4,16)
              --seconds       length S of each round of each side (default 5)
              --rounds        baseline/pool pairs R per thread count (default 5)
              --warmup        unmeasured seconds per side before each thread count's rounds (default 5)
              --op            get: read one hot column; insert: write a column under a random key (default get)
              --address       a running Cassandra's Thrift host:port, loopback only (default: start one)
              --keyspace      keyspace to use, created with column family Standard1 if missing
              --thread-local  the pool's useThreadLocal (default true)""";

    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException naming the bad option
     */
    static LoadSettings parse(String... args) {
        List<Integer> threadCounts = List.of(1, 4, 16);
        int seconds = 5;
        int rounds = 5;
        int warmup = 5;
        Workload workload = Workload.GET;
        String address = null;
        String keyspace = "casspool_bench";
        boolean useThreadLocal = true;
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[i + 1];
            switch (option) {
                case "--threads" -> threadCounts = Arrays.stream(value.split(","))
                        .map(count -> positive(option, count)).toList();
                case "--seconds" -> seconds = positive(option, value);
                case "--rounds" -> rounds = positive(option, value);
                case "--warmup" -> warmup = positive(option, value);
                case "--op" -> workload = workload(value);
                case "--address" -> address = value;
                case "--keyspace" -> keyspace = value;
                case "--thread-local" -> useThreadLocal = Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        return new LoadSettings(threadCounts, Duration.ofSeconds(seconds), rounds, Duration.ofSeconds(warmup),
                workload, address, keyspace, useThreadLocal, SOCKET_TIMEOUT);
    }

    private static Workload workload(String value) {
        try {
            return Workload.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--op must be get or insert, was " + value);
        }
    }

    private static int positive(String option, String value) {
        int number;
        try {
            number = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, was " + value);
        }
        if (number < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, was " + value);
        }
        return number;
    }
}
