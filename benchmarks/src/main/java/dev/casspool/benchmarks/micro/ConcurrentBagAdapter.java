package dev.casspool.benchmarks.micro;

import com.zaxxer.hikari.util.ConcurrentBag;
import com.zaxxer.hikari.util.ConcurrentBag.IConcurrentBagEntry;
import dev.casspool.benchmarks.inert.InertThrift;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.apache.cassandra.thrift.Cassandra;
import org.apache.thrift.TException;

/**
 * HikariCP's {@link ConcurrentBag} holding inert clients: the bag alone, without HikariCP's pool around it (which
 * adds its JDBC proxies and grows from a background thread). Without overflow a check-out is exactly
 * {@code borrow} and a check-in {@code requite}. With overflow, this class adds casspool's policy around the bag:
 * when no entry is free and fewer than {@code size + maxOverflow} are open, the borrower opens one itself, and an
 * entry that comes back while {@code size} others are idle is removed and closed (casspool's and commons-pool2's
 * {@code maxIdle} rule).
 */
final class ConcurrentBagAdapter implements BenchmarkedPool {

    private final ConcurrentBag<Entry> bag = new ConcurrentBag<>(waiting -> {
        // Overflow is opened by the borrower (see checkOut), not on HikariCP's background thread.
    });
    private final int size;
    private final int maxOpen;
    private final long waitNanos;
    private final AtomicInteger open = new AtomicInteger();

    ConcurrentBagAdapter(PoolShape shape) {
        size = shape.size();
        maxOpen = shape.size() + shape.maxOverflow();
        waitNanos = shape.waitTimeout().toNanos();
        for (int i = 0; i < size; i++) {
            open.incrementAndGet();
            bag.add(new Entry(openClient()));
        }
    }

    @Override
    public Object checkOut() throws InterruptedException {
        Entry entry = null;
        if (maxOpen > size) {
            entry = bag.borrow(0, TimeUnit.NANOSECONDS);
            if (entry == null) {
                entry = openExtra();
            }
        }
        if (entry == null) {
            entry = bag.borrow(waitNanos, TimeUnit.NANOSECONDS);
        }
        if (entry == null) {
            throw new IllegalStateException("No entry came back within " + waitNanos + " ns");
        }
        return entry;
    }

    @Override
    public void checkIn(Object connection) {
        Entry entry = (Entry) connection;
        // getCount scans the bag; only an overflowing pool with extra entries open pays for it.
        if (maxOpen > size && open.get() > size
                && bag.getCount(IConcurrentBagEntry.STATE_NOT_IN_USE) >= size && bag.remove(entry)) {
            InertThrift.close(entry.client);
            open.decrementAndGet();
        } else {
            bag.requite(entry);
        }
    }

    @Override
    public void close() {
        bag.close();
        for (Entry entry : bag.values()) {
            InertThrift.close(entry.client);
        }
    }

    /** Opens an overflow entry if there is room; null when there is none, or a waiter was handed the new entry. */
    private Entry openExtra() {
        for (int current = open.get(); current < maxOpen; current = open.get()) {
            if (open.compareAndSet(current, current + 1)) {
                Entry entry = new Entry(openClient());
                // Added free, as HikariCP adds: a thread already waiting in borrow may be handed it instead.
                bag.add(entry);
                return entry.compareAndSet(IConcurrentBagEntry.STATE_NOT_IN_USE, IConcurrentBagEntry.STATE_IN_USE)
                        ? entry : null;
            }
        }
        return null;
    }

    private static Cassandra.Client openClient() {
        try {
            return InertThrift.openClient();
        } catch (TException e) {
            throw new IllegalStateException("An inert client failed to open", e);
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
