package dev.casspool.internal;

/**
 * Where a {@link ConnectionBag} remembers the entry each thread returned last, found by the thread's id rather than
 * through a {@link ThreadLocal} ({@link ConnectionBag#takeWarmByThread} says why): an array with a place per id modulo
 * its size. Threads whose ids fall on the same place overwrite each other's hint, and the warm path finds that out
 * from the entry. A place is written only when its hint changes, so that threads that each keep returning their own
 * entry only ever read the array, and no cache line moves between them.
 */
final class ThreadHints {

    /** How many places; a power of two, and more than most applications have threads using one pool. */
    static final int PLACES = 256;

    private ThreadHints() {
    }

    /** New hints, naming no entry. */
    static PoolEntry[] create() {
        return new PoolEntry[PLACES];
    }

    /** The entry at the calling thread's place, which it or a thread at the same place returned last; or null. */
    static PoolEntry mine(PoolEntry[] hints) {
        return hints[place()];
    }

    /** Records {@code entry} as the one the calling thread returned last. */
    static void returned(PoolEntry[] hints, PoolEntry entry) {
        int place = place();
        if (hints[place] != entry) {
            hints[place] = entry;
        }
    }

    // Thread.getId() rather than threadId(), which Java 17 lacks: the same id.
    @SuppressWarnings("deprecation")
    private static int place() {
        return (int) Thread.currentThread().getId() & (PLACES - 1);
    }
}
