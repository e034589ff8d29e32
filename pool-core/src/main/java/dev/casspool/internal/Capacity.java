package dev.casspool.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many connections a pool has open or is opening: a thread takes a place before it opens a connection, so that
 * no two threads together open more than the limit allows, and gives it back when the connection closes or could not
 * be opened.
 */
final class Capacity {

    private final AtomicInteger taken = new AtomicInteger();

    /** Takes a place if fewer than {@code limit} are taken. */
    boolean tryTake(int limit) {
        for (int current = taken.get(); current < limit; current = taken.get()) {
            if (taken.compareAndSet(current, current + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Gives a place back. */
    void release() {
        taken.decrementAndGet();
    }

    /** How many places are taken now. */
    int taken() {
        return taken.get();
    }
}
