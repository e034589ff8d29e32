package dev.casspool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * How many connections a pool has open or is opening: a thread takes a place before it opens a connection, so that
 * no two threads together open more than the limit allows, and gives it back when the connection closes or could not
 * be opened.
 */
final class Capacity {

    /** A field of its own rather than an {@code AtomicInteger}: every warm check-out reads it, one load fewer. */
    private static final VarHandle TAKEN;

    static {
        try {
            TAKEN = MethodHandles.lookup().findVarHandle(Capacity.class, "taken", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int taken;

    /** Takes a place if fewer than {@code limit} are taken. */
    boolean tryTake(int limit) {
        for (int current = taken; current < limit; current = taken) {
            if (TAKEN.compareAndSet(this, current, current + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Gives a place back. */
    void release() {
        TAKEN.getAndAdd(this, -1);
    }

    /** How many places are taken now. */
    int taken() {
        return taken;
    }
}
