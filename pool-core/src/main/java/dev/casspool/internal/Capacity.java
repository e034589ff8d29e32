package dev.casspool.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many connections a pool has open or is opening: a thread takes a place before it opens a connection, so that
 * no two threads together open more than the limit allows, and gives it back when the connection closes or could not
 * be opened. It tells the bag whether the pool is below {@code poolSize} ({@link ConnectionBag#POOL_GROWING}), which
 * keeps check-outs off the warm path while the pool grows.
 */
final class Capacity {

    private final AtomicInteger taken = new AtomicInteger();
    private final int poolSize;
    private final ConnectionBag bag;

    /** Creates an empty count for a pool of {@code poolSize} connections whose entries {@code bag} holds. */
    Capacity(int poolSize, ConnectionBag bag) {
        this.poolSize = poolSize;
        this.bag = bag;
        showGrowth();
    }

    /** Takes a place if fewer than {@code limit} are taken. */
    boolean tryTake(int limit) {
        for (int current = taken.get(); current < limit; current = taken.get()) {
            if (taken.compareAndSet(current, current + 1)) {
                showGrowth();
                return true;
            }
        }
        return false;
    }

    /** Gives a place back. */
    void release() {
        taken.decrementAndGet();
        showGrowth();
    }

    /**
     * Tells the bag whether the pool is below {@code poolSize}. Threads that take and give back places at once may
     * tell it in another order than they changed the count; each reads the count again after telling, and tells
     * again if it changed meanwhile, so the last to tell tells what the count is.
     */
    private void showGrowth() {
        for (int seen = taken.get(), told = -1; seen != told; seen = taken.get()) {
            bag.detour(ConnectionBag.POOL_GROWING, seen < poolSize);
            told = seen;
        }
    }

    /** How many places are taken now. */
    int taken() {
        return taken.get();
    }
}
