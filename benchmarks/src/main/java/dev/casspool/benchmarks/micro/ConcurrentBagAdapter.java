package dev.casspool.benchmarks.micro;

import com.zaxxer.hikari.util.ConcurrentBag;
import com.zaxxer.hikari.util.ConcurrentBag.IConcurrentBagEntry;
import dev.casspool.benchmarks.inert.InertThrift;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.apache.cassandra.thrift.Cassandra;
import org.apache.thrift.TException;

/**
 * HikariCP's {@link ConcurrentBag} holding a fixed set of inert clients: the bag alone, without HikariCP's pool
 * around it (which would add its JDBC proxies). It has no overflow of its own; HikariCP grows a pool from a separate
 * thread, so the overflow benchmark leaves it out.
 */
final class ConcurrentBagAdapter implements BenchmarkedPool {

    private final ConcurrentBag<Entry> bag = new ConcurrentBag<>(waiting -> {
        // A fixed-size pool: a waiting borrower gets a returned entry, never a new one.
    });
    private final long waitNanos;

    ConcurrentBagAdapter(PoolShape shape) {
        if (shape.maxOverflow() != 0) {
            throw new IllegalArgumentException("ConcurrentBag has no overflow; shape " + shape);
        }
        waitNanos = shape.waitTimeout().toNanos();
        try {
            for (int i = 0; i < shape.size(); i++) {
                bag.add(new Entry(InertThrift.openClient()));
            }
        } catch (TException e) {
            throw new IllegalStateException("An inert client failed to open", e);
        }
    }

    @Override
    public Object checkOut() throws InterruptedException {
        Entry entry = bag.borrow(waitNanos, TimeUnit.NANOSECONDS);
        if (entry == null) {
            throw new IllegalStateException("No entry came back within " + waitNanos + " ns");
        }
        return entry;
    }

    @Override
    public void checkIn(Object connection) {
        bag.requite((Entry) connection);
    }

    @Override
    public void close() {
        bag.close();
        for (Entry entry : bag.values()) {
            InertThrift.close(entry.client);
        }
    }

    /** A bag entry as HikariCP's {@code PoolEntry} keeps its state: a volatile int moved by a field updater. */
    static final class Entry implements IConcurrentBagEntry {

        private static final AtomicIntegerFieldUpdater<Entry> STATE =
                AtomicIntegerFieldUpdater.newUpdater(Entry.class, "state");

        final Cassandra.Client client;
        private volatile int state;

        Entry(Cassandra.Client client) {
            this.client = client;
        }

        @Override
        public boolean compareAndSet(int expected, int next) {
            return STATE.compareAndSet(this, expected, next);
        }

        @Override
        public void setState(int next) {
            STATE.set(this, next);
        }

        @Override
        public int getState() {
            return state;
        }
    }
}
