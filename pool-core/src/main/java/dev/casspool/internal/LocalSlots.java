package dev.casspool.internal;

/**
 * One thread's view of a {@link ConnectionBag}, found through {@link LocalViews}: the slot of the entry it returned
 * last (tried first on its next check-out, as HikariCP tries a thread's recent entries) or, in thread-local mode, of
 * the entry it holds; the slot of the entry it took while waiting in line, until its wait returns it; and the
 * generation of the bag it was made for.
 *
 * <p>One returned slot rather than a list of them: a check-out's first step is then two dependent loads shorter (the
 * list's size, then its top), which is about a tenth of a warm check-out and check-in, and a thread that returns
 * several connections at once finds the others by the bag's scan. The held slot shares the returned slot's word (as
 * its negative): in thread-local mode a thread holds its entry from check-out to check-in, and forgets what it
 * returned last only then, so a check-out reads one word for both questions, records its entry as held with the one
 * store it makes, and the check-in's record of the returned slot ends the hold.
 *
 * <p>The view is an {@code int[]} of slot numbers, handled by the static methods here, rather than an object that
 * refers to entries. A thread-local value lives as long as its thread, and a value that referred to an entry, or were
 * of a class of this library, would keep the pool, or the class loader that loaded it, reachable from every
 * long-lived thread that ever used the pool, long after {@code close()}: a servlet redeploy or a devtools restart would
 * leak every old pool. An {@code int[]} keeps nothing reachable; a slot that another entry took over since is only a
 * hint that fails.
 */
final class LocalSlots {

    /** The slot of the entry returned last, plus one, or of the entry held in thread-local mode, plus one, negated. */
    private static final int RECENT = 0;
    /** The slot of the entry taken while waiting in line, plus one; 0 when none. */
    private static final int TAKEN = 1;
    /** The generation of the bag the view was made for ({@link LocalViews}). */
    private static final int GENERATION = 2;
    /** No slot. */
    static final int NONE = -1;

    private LocalSlots() {
    }

    /** A new, empty view, made for no bag yet. */
    static int[] create() {
        return new int[GENERATION + 1];
    }

    /** The generation of the bag the view was made for; 0 when none. */
    static int generation(int[] local) {
        return local[GENERATION];
    }

    /** Records the generation of the bag the view is made for. */
    static void generation(int[] local, int generation) {
        local[GENERATION] = generation;
    }

    /**
     * The slot of the entry this thread returned last, or {@link #NONE} (also while it holds one). Left in the view:
     * when that entry is in use again, a check-out reads its state and moves on.
     */
    static int last(int[] local) {
        return Math.max(local[RECENT], 0) - 1;
    }

    /** Remembers the slot of the entry this thread returned last, which ends its hold in thread-local mode. */
    static void returned(int[] local, int slot) {
        local[RECENT] = slot + 1;
    }

    /** The slot of the entry held in thread-local mode, or {@link #NONE}. */
    static int held(int[] local) {
        int recent = local[RECENT];
        return recent < 0 ? -recent - 1 : NONE;
    }

    /** Whether the view records an entry held in thread-local mode: {@code held(local) != NONE}, in one compare. */
    static boolean holdsAny(int[] local) {
        return local[RECENT] < 0;
    }

    /** Records (or with {@link #NONE}, clears) the slot of the entry held in thread-local mode. */
    static void held(int[] local, int slot) {
        local[RECENT] = -(slot + 1);
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
