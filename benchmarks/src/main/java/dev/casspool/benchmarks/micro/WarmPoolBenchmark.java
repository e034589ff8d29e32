package dev.casspool.benchmarks.micro;

/**
 * Check-out and check-in of a warm pool with a connection for every thread: the uncontended path that almost every
 * call takes. {@link PoolBenchmarks} runs it at 1, 2, 4, 8 and 16 threads.
 */
public class WarmPoolBenchmark extends CheckOutCheckInBenchmark {

    /** One connection per thread at the largest thread count measured, so that nobody waits. */
    public static final int POOL_SIZE = 16;

    @Override
    protected PoolShape shape() {
        return PoolShape.fixed(POOL_SIZE);
    }
}
