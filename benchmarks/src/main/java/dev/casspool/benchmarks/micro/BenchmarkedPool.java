package dev.casspool.benchmarks.micro;

/**
 * A pool under test, reduced to what the microbenchmarks do with it. Each benchmark fork uses one implementation
 * only, so calls through this interface stay monomorphic and are inlined like direct calls.
 */
public interface BenchmarkedPool extends AutoCloseable {

    /** Checks out a connection, waiting up to the shape's wait timeout when none is free. */
    Object checkOut() throws Exception;

    /** Checks in a connection that {@link #checkOut()} returned. */
    void checkIn(Object connection) throws Exception;

    /** Closes the pool and its connections. */
    @Override
    void close();
}
