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
 * @param pool the pool settings changed from the builder's defaults
 * @param virtualThreads 0, or how many virtual threads share the pool of T connections, measured against T platform
 *     threads sharing it ({@code --virtual-threads}; Java 21 and later)
 * @param ring 0, or the nodes of a ring on which token-aware routing is compared with round robin ({@code --ring})
 * @param keys how many row keys the ring comparison spreads its requests over ({@code --keys})
 * @param timeout the socket timeout of both sides
 */
record LoadSettings(List<Integer> threadCounts, Duration roundLength, int rounds, Duration warmup, Workload workload,
                    String address, String keyspace, PoolOptions pool, int virtualThreads, int ring, int keys,
                    Duration timeout) {

    static final String USAGE = """
            Usage: LoadTool [--threads 1,4,16] [--seconds 5] [--rounds 5] [--warmup 5] [--op get|insert]
                            [--address host:port] [--keyspace casspool_bench] [--recycle N]
                            [--thread-local true|false] [--validate-after-idle D|none] [--pool-size N]
                            [--virtual-threads N] [--ring N [--keys K]]
              --threads              thread counts T to measure, comma-separated (default 1,4,16)
              --seconds              length S of each round of each side (default 5)
              --rounds               baseline/pool pairs R per thread count (default 5)
              --warmup               unmeasured seconds per side before each thread count's rounds (default 5)
              --op                   get: read one hot column; insert: write a column under a random key (default get)
              --address              a running Cassandra's Thrift host:port, loopback only (default: start one)
              --keyspace             keyspace to use, created with column family Standard1 if missing
              The pool runs with the builder's defaults (pycassa's) but for these, when given:
              --recycle              operations after which a connection is replaced, -1 for never (default 10000)
              --thread-local         the pool's useThreadLocal (default true)
              --validate-after-idle  idle time after which a connection is validated: 500ms, 1s, 0 or none
                                     (default 1s)
              --pool-size            connections in the pool (default T, one per load thread); fewer makes
                                     threads wait for each other, and the raw-client targets no longer apply
              --virtual-threads      N > 0: instead of raw clients, compare T platform threads sharing the pool of T
                                     connections (baseline) with N virtual threads sharing it (Java 21+)
              --ring                 N > 0: on an N-node ring (started, or --address host:port,host:port,...) with
                                     RF 1, compare a token-aware pool (ring discovery) with a round-robin pool,
                                     both of T connections unless --pool-size, over --keys random rows (default
                                     100000; written first for get), reporting the nodes' CPU per operation too""";

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
        Integer poolSize = null;
        Integer recycle = null;
        Boolean useThreadLocal = null;
        Duration validateAfterIdle = null;
        int virtualThreads = 0;
        int ring = 0;
        int keys = 100_000;
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
                case "--pool-size" -> poolSize = positive(option, value);
                case "--recycle" -> recycle = wholeNumber(option, value, -1);
                case "--thread-local" -> useThreadLocal = bool(option, value);
                case "--validate-after-idle" -> validateAfterIdle = idleTime(option, value);
                case "--virtual-threads" -> virtualThreads = positive(option, value);
                case "--ring" -> ring = positive(option, value);
                case "--keys" -> keys = positive(option, value);
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        if (ring > 0 && virtualThreads > 0) {
            throw new IllegalArgumentException("--ring and --virtual-threads compare different things; give one");
        }
        return new LoadSettings(threadCounts, Duration.ofSeconds(seconds), rounds, Duration.ofSeconds(warmup),
                workload, address, keyspace, new PoolOptions(poolSize, recycle, useThreadLocal,
                validateAfterIdle),
                virtualThreads, ring, keys, SOCKET_TIMEOUT);
    }

    private static boolean bool(String option, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(option + " takes true or false, was " + value);
        };
    }

    private static Duration idleTime(String option, String value) {
        if (value.equals("none")) {
            return PoolOptions.NEVER;
        }
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.equals("0")) {
                return Duration.ZERO;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a duration such as 500ms or 1s, 0 (always) or none,"
                + " was " + value);
    }

    private static Workload workload(String value) {
        try {
            return Workload.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--op must be get or insert, was " + value);
        }
    }

    private static int positive(String option, String value) {
        return wholeNumber(option, value, 1);
    }

    private static int wholeNumber(String option, String value, int minimum) {
        int number;
        try {
            number = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, was " + value);
        }
        if (number < minimum) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + ", was " + value);
        }
        return number;
    }
}
