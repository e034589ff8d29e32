package dev.casspool.benchmarks.micro;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Threads;

/**
 * 16 threads on a pool of 2 that may overflow to 16: most check-outs open an extra connection and most check-ins
 * close one (inert connections, so this is the pool's bookkeeping plus Thrift's {@code set_keyspace} in memory).
 * ConcurrentBag is left out: it has no overflow of its own.
 */
@Threads(OverflowBenchmark.THREADS)
public class OverflowBenchmark extends CheckOutCheckInBenchmark {

    /** Benchmark threads. */
    public static final int THREADS = 16;

    /** The pool under test. */
    @Param({"CASSPOOL_THREAD_LOCAL", "CASSPOOL", "COMMONS_POOL2"})
    public PoolKind pool;

    @Override
    protected PoolKind kind() {
        return pool;
    }

    @Override
    protected PoolShape shape() {
        return PoolShape.overflowing(2, THREADS - 2);
    }
}
