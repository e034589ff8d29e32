package dev.casspool.benchmarks.micro;

import dev.casspool.ConnectionPool;
import dev.casspool.ConnectionWrapper;
import dev.casspool.benchmarks.inert.InertThrift;

/** casspool's {@link ConnectionPool}, prefilled with inert connections that are never recycled. */
final class CasspoolAdapter implements BenchmarkedPool {

    private final ConnectionPool pool;

    CasspoolAdapter(PoolShape shape, boolean useThreadLocal) {
        pool = InertThrift.poolBuilder()
                .poolSize(shape.size())
                .maxOverflow(shape.maxOverflow())
                .poolTimeout(shape.waitTimeout())
                .useThreadLocal(useThreadLocal)
                .prefill(true)
                // Nothing may reconnect while measuring.
                .recycle(-1)
                .build();
    }

    @Override
    public Object checkOut() {
        return pool.get();
    }

    @Override
    public void checkIn(Object connection) {
        pool.put((ConnectionWrapper) connection);
    }

    @Override
    public void close() {
        pool.close();
    }
}
