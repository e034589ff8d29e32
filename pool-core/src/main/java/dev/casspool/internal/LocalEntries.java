package dev.casspool.internal;

/**
 * One thread's view of a pool: the entries it returned last (tried first on its next check-out, as HikariCP does),
 * and in thread-local mode the entry it has checked out. Only its own thread touches it.
 */
public final class LocalEntries {

    private static final int CAPACITY = 16;

    private final Thread owner = Thread.currentThread();
    private final PoolEntry[] recent = new PoolEntry[CAPACITY];
    private int size;
    private PoolEntry current;

    /** Whether the calling thread is the one these entries belong to (they are made in it, on first use). */
    public boolean belongsToCurrentThread() {
        return owner == Thread.currentThread();
    }

    /** The entry this thread has checked out in thread-local mode, or null. */
    public PoolEntry current() {
        return current;
    }

    /** Records (or with null, clears) the entry this thread has checked out in thread-local mode. */
    public void current(PoolEntry entry) {
        current = entry;
    }

    PoolEntry pop() {
        if (size == 0) {
            return null;
        }
        PoolEntry entry = recent[--size];
        recent[size] = null;
        return entry;
    }

    void push(PoolEntry entry) {
        if (size < CAPACITY) {
            recent[size++] = entry;
        }
    }
}
