package dev.casspool.benchmarks.load;

import dev.casspool.ConnectionPool;
import dev.casspool.PoolEventType;
import dev.casspool.PoolListener;
import dev.casspool.ThriftCall;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * The pool side: all load threads share one casspool {@link ConnectionPool} of T connections, and every operation is
 * a {@code pool.execute(...)}: check-out, the call through the pool's wrapper, check-in. The pool runs with the
 * builder's defaults but for its size, its socket timeout (the baseline's) and what {@link PoolOptions} changes.
 */
final class PooledClients implements Contender {

    private final String name;
    private final ConnectionPool pool;
    /** Check-outs that found every connection out and waited: a pool that keeps a thread waiting loses throughput. */
    private final LongAdder waits = new LongAdder();
    private final LongAdder replacements = new LongAdder();
    /** The pool's counts of key-routed calls when the last round began. */
    private long routedToReplica;
    private long routedElsewhere;

    /** Opens a pool of {@code connections} connections (prefilled, as by default) to the node of {@code target}. */
    PooledClients(LoadTarget target, int connections, Duration timeout, PoolOptions options) {
        this("pool", target.keyspace(), List.of(target.address()), connections, timeout, options,
                UnaryOperator.identity());
    }

    /**
     * Opens a pool of {@code connections} connections (prefilled, as by default) to {@code servers}, set up by
     * {@code setup} after the options.
     */
    PooledClients(String name, String keyspace, List<String> servers, int connections, Duration timeout,
                  PoolOptions options, UnaryOperator<ConnectionPool.Builder> setup) {
        this.name = name;
        pool = setup.apply(options.applyTo(ConnectionPool.builder()
                        .keyspace(keyspace)
                        .serverList(servers)
                        .poolSize(connections)
                        .timeout(timeout)
                        .listener(PoolListener.on(PoolEventType.POOL_AT_MAX, event -> waits.increment()))
                        .listener(PoolListener.on(PoolEventType.CONNECTION_RECYCLED, event -> replacements.increment()))))
                .build();
    }

    @Override
    public String name() {
        return name;
    }

    /** The pool, for work before the rounds. */
    ConnectionPool pool() {
        return pool;
    }

    @Override
    public Step step(int index, ThriftOperation operation) {
        ThriftCall<Void> call = client -> {
            operation.run(client);
            return null;
        };
        return () -> {
            ByteBuffer key = operation.nextKey();
            if (key == null) {
                pool.execute(call);
            } else {
                pool.execute(key, call);
            }
        };
    }

    @Override
    public String roundNotes() {
        long toReplica = pool.routedToReplica() - routedToReplica;
        long elsewhere = pool.routedElsewhere() - routedElsewhere;
        routedToReplica += toReplica;
        routedElsewhere += elsewhere;
        return "waits " + waits.sumThenReset() + ", recycled " + replacements.sumThenReset()
                + (toReplica + elsewhere == 0 ? "" : String.format(", on a replica %.1f %%",
                        100.0 * toReplica / (toReplica + elsewhere)));
    }

    @Override
    public void close() {
        pool.close();
    }
}
