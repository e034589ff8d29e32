package dev.casspool.benchmarks.micro;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Checks a connection out of a warm pool shared by all benchmark threads and straight back in: the pool's own cost,
 * with nothing done on the connection, for every {@link PoolKind} (a JMH parameter). Subclasses choose the pool's
 * shape and the threads.
 *
 * <p>The pool is opened and filled before the warm-up, and nothing reconnects during the run, so every operation
 * measured is the pool's steady-state path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
// A fixed heap keeps the GC's work the same for every pool, so -prof gc compares like with like.
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public abstract class CheckOutCheckInBenchmark {

    /** The pool to measure in this fork; all kinds by default. */
    @Param
    public PoolKind kind;

    private BenchmarkedPool pool;

    /** The size of the pool to measure. */
    protected abstract PoolShape shape();

    /** Opens and fills the pool. */
    @Setup
    public void openPool() {
        pool = kind.open(shape());
    }

    /** Closes the pool. */
    @TearDown
    public void closePool() {
        pool.close();
    }

    /** One check-out and check-in; returns the connection so that the JIT cannot drop the work. */
    @Benchmark
    public Object checkOutCheckIn() throws Exception {
        Object connection = pool.checkOut();
        pool.checkIn(connection);
        return connection;
    }
}
