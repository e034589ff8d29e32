package dev.casspool.internal;

/**
 * One thread's view of a {@link ConnectionBag}, kept in the bag's {@link ThreadLocal}: the slots of the entries it
 * returned last (tried first on its next check-out, as HikariCP does), in thread-local mode the slot of the entry it
 * holds, and the slot of the entry it took while waiting in line, until its wait returns it.
 *
 * <p>The view is an {@code int[]} of slot numbers, handled by the static methods here, rather than an object that
 * refers to entries. A thread-local value lives as long as its thread, and a value that referred to an entry, or were
 * of a class of this library, would keep the pool, or the class loader that loaded it, reachable from every
 * long-lived thread that ever used the pool, long after {@code close()}: a servlet redeploy or a devtools restart would
 * leak every old pool. An {@code int[]} keeps nothing reachable; a slot that another entry took over since is only a
 * hint that fails.
 */
final class LocalSlots {

    /** How many recently returned slots a thread remembers. */
    static final int CAPACITY = 16;

    private static final int SIZE = 0;
    /** The slot of the entry held in thread-local mode, plus one; 0 when none is held. */
    private static final int HELD = 1;
    /** The slot of the entry taken while waiting in line, plus one; 0 when none. */
    private static final int TAKEN = 2;
    private static final int FIRST = 3;
    /** No slot. */
    static final int NONE = -1;

    private LocalSlots() {
    }

    /** A new, empty view. */
    static int[] create() {
        return new int[FIRST + CAPACITY];
    }

    /** Takes the most recently returned slot off the list, or {@link #NONE} when it is empty. */
    static int pop(int[] local) {
        int size = local[SIZE];
        if (size == 0) {
            return NONE;
        }
        local[SIZE] = size - 1;
        return local[FIRST + size - 1];
    }

    /** Remembers a returned slot, unless the list is full. */
    static void push(int[] local, int slot) {
        int size = local[SIZE];
        if (size < CAPACITY) {
            local[FIRST + size] = slot;
            local[SIZE] = size + 1;
        }
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
