package dev.casspool.benchmarks.micro;

import dev.casspool.ConnectionPool;
import dev.casspool.ThriftCall;
import dev.casspool.benchmarks.inert.InertThrift;
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
 * A data call through a casspool pool with the builder's defaults (thread-local mode, validation after 1 s idle, and
 * {@code recycle} as the parameter says), on a warm pool of 16 inert connections shared by all threads: check-out,
 * one retried data call through the wrapper ({@code truncate}, which the canned socket answers with a success and
 * which counts as an operation), check-in. With {@code recycle} 1000, every connection is replaced after 1000 calls,
 * so the run shows what replacements cost the warm path, next to the same pool that never replaces one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RecyclingBenchmark {

    /** Connections in the pool: one per thread at the most threads measured. */
    public static final int POOL_SIZE = 16;

    /** The measured call: a data call, so that it counts towards {@code recycle}. */
    static final ThriftCall<Void> CALL = client -> {
        client.truncate("Standard1");
        return null;
    };

    /** The pool's {@code recycle}: -1 never replaces a connection, 1000 replaces each after 1000 calls. */
    @Param({"-1", "1000"})
    public int recycle;

    private ConnectionPool pool;

    /** Opens and fills the pool. */
    @Setup
    public void openPool() {
        pool = poolBuilder(recycle).build();
    }

    /** The benchmark's pool: the builder's defaults but for its size and {@code recycle}, on inert connections. */
    static ConnectionPool.Builder poolBuilder(int recycle) {
        return InertThrift.poolBuilder()
                .poolSize(POOL_SIZE)
                .recycle(recycle);
    }

    /** Closes the pool. */
    @TearDown
    public void closePool() {
        pool.close();
    }

    /** One data call on a pooled connection. */
    @Benchmark
    public Object execute() throws Exception {
        return pool.execute(CALL);
    }
}
