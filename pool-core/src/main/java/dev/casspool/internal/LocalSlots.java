package dev.casspool.internal;

/**
 * One thread's view of a {@link ConnectionBag}, kept in the bag's {@link ThreadLocal}: the slot of the entry it
 * returned last (tried first on its next check-out, as HikariCP tries a thread's recent entries), in thread-local mode
 * the slot of the entry it holds, and the slot of the entry it took while waiting in line, until its wait returns it.
 *
 * <p>One returned slot rather than a list of them: a check-out's first step is then two dependent loads shorter (the
 * list's size, then its top), which is about a tenth of a warm check-out and check-in, and a thread that returns
 * several connections at once finds the others by the bag's scan.
 *
 * <p>The view is an {@code int[]} of slot numbers, handled by the static methods here, rather than an object that
 * refers to entries. A thread-local value lives as long as its thread, and a value that referred to an entry, or were
 * of a class of this library, would keep the pool, or the class loader that loaded it, reachable from every
 * long-lived thread that ever used the pool, long after {@code close()}: a servlet redeploy or a devtools restart would
 * leak every old pool. An {@code int[]} keeps nothing reachable; a slot that another entry took over since is only a
 * hint that fails.
 */
final class LocalSlots {

    /** The slot of the entry this thread returned last, plus one; 0 when none. */
    private static final int LAST = 0;
    /** The slot of the entry held in thread-local mode, plus one; 0 when none is held. */
    private static final int HELD = 1;
    /** The slot of the entry taken while waiting in line, plus one; 0 when none. */
    private static final int TAKEN = 2;
    /** No slot. */
    static final int NONE = -1;

    private LocalSlots() {
    }

    /** A new, empty view. */
    static int[] create() {
        return new int[TAKEN + 1];
    }

    /** Takes the slot of the entry this thread returned last off the view, or {@link #NONE} when there is none. */
    static int pop(int[] local) {
        int slot = local[LAST] - 1;
        local[LAST] = 0;
        return slot;
    }

    /** Remembers the slot of the entry this thread returned last. */
    static void push(int[] local, int slot) {
        local[LAST] = slot + 1;
    }

    /** The slot of the entry held in thread-local mode, or {@link #NONE}. */
    static int held(int[] local) {
        return local[HELD] - 1;
    }

    /** Records (or with {@link #NONE}, clears) the slot of the entry held in thread-local mode. */
    static void held(int[] local, int slot) {
        local[HELD] = slot + 1;
    }

    /** The slot of the entry taken while waiting in line, or {@link #NONE}. */
    static int taken(int[] local) {
        return local[TAKEN] - 1;
    }

    /** Records (or with {@link #NONE}, clears) the slot of the entry taken while waiting in line. */
    static void taken(int[] local, int slot) {
        local[TAKEN] = slot + 1;
    }

    /** Whether {@code slot} names no slot. */
    static boolean none(int slot) {
        return slot == NONE;
    }
}
