package dev.casspool.benchmarks.load;

import dev.casspool.ConnectionPool;
import dev.casspool.ThriftCall;
import java.time.Duration;

/**
 * The pool side: all load threads share one casspool {@link ConnectionPool} with a connection per thread, and every
 * operation is a {@code pool.execute(...)}: check-out, the call through the pool's wrapper, check-in.
 */
final class PooledClients implements Contender {

    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(30);

    private final ConnectionPool pool;

    /** Opens a prefilled pool of {@code threads} connections that are never recycled while measuring. */
    PooledClients(LoadTarget target, int threads, Duration timeout, boolean useThreadLocal) {
        pool = ConnectionPool.builder()
                .keyspace(target.keyspace())
                .serverList(target.address())
                .poolSize(threads)
                .maxOverflow(0)
                .timeout(timeout)
                .poolTimeout(POOL_TIMEOUT)
                .useThreadLocal(useThreadLocal)
                // The baseline never reconnects; neither may the pool while measuring.
                .recycle(-1)
                .prefill(true)
                .build();
    }

    @Override
    public String name() {
        return "pool";
    }

    @Override
    public Step step(int index, ThriftOperation operation) {
        ThriftCall<Void> call = client -> {
            operation.run(client);
            return null;
        };
        return () -> pool.execute(call);
    }

    @Override
    public void close() {
        pool.close();
    }
}
