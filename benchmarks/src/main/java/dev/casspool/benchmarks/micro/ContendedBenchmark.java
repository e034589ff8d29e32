package dev.casspool.benchmarks.micro;

import org.openjdk.jmh.annotations.Threads;

/**
 * 16 threads on a pool of 4 without overflow: a check-out that finds all 4 out waits for one to come back (up to
 * 30 s, never reached), so this measures the hand-over between threads.
 */
@Threads(ContendedBenchmark.THREADS)
public class ContendedBenchmark extends CheckOutCheckInBenchmark {

    /** Benchmark threads. */
    public static final int THREADS = 16;

    @Override
    protected PoolShape shape() {
        return PoolShape.fixed(4);
    }
}
