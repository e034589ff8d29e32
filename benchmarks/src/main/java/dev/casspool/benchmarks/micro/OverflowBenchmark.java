package dev.casspool.benchmarks.micro;

import org.openjdk.jmh.annotations.Threads;

/**
 * 16 threads on a pool of 2 that may overflow to 16: a check-out that finds both idle connections taken opens an
 * extra one, and a check-in while more than 2 are open closes it. The connections are inert, so this is the pool's
 * bookkeeping plus a {@code set_keyspace} through Thrift in memory per extra connection. ConcurrentBag, which has no
 * overflow of its own, gets casspool's policy from {@link ConcurrentBagAdapter}.
 */
@Threads(OverflowBenchmark.THREADS)
public class OverflowBenchmark extends CheckOutCheckInBenchmark {

    /** Benchmark threads. */
    public static final int THREADS = 16;

    @Override
    protected PoolShape shape() {
        return PoolShape.overflowing(2, THREADS - 2);
    }
}
