package dev.casspool.benchmarks.load;

import dev.casspool.ConnectionPool;
import dev.casspool.PoolEventType;
import dev.casspool.PoolListener;
import dev.casspool.ThriftCall;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool side: all load threads share one casspool {@link ConnectionPool} of T connections, and every operation is
 * a {@code pool.execute(...)}: check-out, the call through the pool's wrapper, check-in. The pool runs with the
 * builder's defaults but for its size, its socket timeout (the baseline's) and what {@link PoolOptions} changes.
 */
final class PooledClients implements Contender {

    private final ConnectionPool pool;
    /** Check-outs that found every connection out and waited: a pool that keeps a thread waiting loses throughput. */
    private final LongAdder waits = new LongAdder();
    private final LongAdder replacements = new LongAdder();

    /** Opens a pool of {@code connections} connections (prefilled, as by default). */
    PooledClients(LoadTarget target, int connections, Duration timeout, PoolOptions options) {
        pool = options.applyTo(ConnectionPool.builder()
                        .keyspace(target.keyspace())
                        .serverList(target.address())
                        .poolSize(connections)
                        .timeout(timeout)
                        .listener(PoolListener.on(PoolEventType.POOL_AT_MAX, event -> waits.increment()))
                        .listener(PoolListener.on(PoolEventType.CONNECTION_RECYCLED, event -> replacements.increment())))
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
    public String roundNotes() {
        return "waits " + waits.sumThenReset() + ", recycled " + replacements.sumThenReset();
    }

    @Override
    public void close() {
        pool.close();
    }
}
