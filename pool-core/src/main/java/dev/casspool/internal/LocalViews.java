package dev.casspool.internal;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Where a bag finds the calling thread's view of it ({@link LocalSlots}): thread-locals that every bag shares, one for
 * the view the thread used last and one for all its views, indexed by the place each bag claims when it is created
 * and gives up once it is garbage.
 *
 * <p>One thread-local for all bags rather than one per bag, for the warm path's sake. A thread-local's lookup starts
 * from its hash, and a bag's own thread-local is reached through the pool, its check-outs and the bag before it can
 * be hashed: dependent loads, each waiting for the one before, ahead of the check-out's compare-and-set. These
 * thread-locals are constants that the JIT folds, and the thread's view is found from the thread alone. With a heap
 * above 4 GB, where compressed references are shifted and each of those loads costs more, that made a warm
 * check-out and check-in at one thread a quarter faster in thread-local mode and a sixth in the other
 * ({@code benchmarks/README.md}).
 *
 * <p>A place goes to a new bag only once its bag is garbage, not when its pool closes: a closed pool's code may still
 * run on some thread (a late {@code put}), and would write into the new bag's views. A view still holds the slots of
 * the gone bag, which in the new one may name an entry that a thread holds; each view therefore carries the generation
 * of the bag it was made for, and a thread that finds another generation in its place starts a new view.
 *
 * <p>Nothing here keeps a pool reachable from a thread: the views are {@code int} arrays, and the thread-local itself
 * is reached from threads only weakly, as every thread-local is.
 */
final class LocalViews {

    /** Fills every place that the thread has no view for: its generation, 0, is never given to a bag. */
    private static final int[] NO_VIEW = LocalSlots.create();
    /** The view the thread used last, found without the bag's place: most threads only ever use one pool. */
    private static final ThreadLocal<int[]> RECENT = ThreadLocal.withInitial(() -> NO_VIEW);
    /** All the thread's views, by place. */
    private static final ThreadLocal<int[][]> VIEWS = ThreadLocal.withInitial(() -> new int[0][]);
    private static final ReferenceQueue<ConnectionBag> GONE = new ReferenceQueue<>();
    /** The places of bags that may still be reachable; a weak reference is enqueued only while it is itself held. */
    private static final Set<Place> CLAIMED = new HashSet<>();
    private static final BitSet TAKEN = new BitSet();
    private static int lastGeneration;

    private LocalViews() {
    }

    /** A bag's place in every thread's array of views, and the generation of its views. */
    static final class Place extends WeakReference<ConnectionBag> {

        final int index;
        final int generation;

        private Place(ConnectionBag bag, int index, int generation) {
            super(bag, GONE);
            this.index = index;
            this.generation = generation;
        }
    }

    /** Gives {@code bag} the lowest place that no reachable bag has, first freeing the places of bags now garbage. */
    static synchronized Place claim(ConnectionBag bag) {
        for (Reference<? extends ConnectionBag> gone = GONE.poll(); gone != null; gone = GONE.poll()) {
            CLAIMED.remove(gone);
            TAKEN.clear(((Place) gone).index);
        }
        int index = TAKEN.nextClearBit(0);
        TAKEN.set(index);
        lastGeneration = lastGeneration == Integer.MAX_VALUE ? 1 : lastGeneration + 1;
        Place place = new Place(bag, index, lastGeneration);
        CLAIMED.add(place);
        return place;
    }

    /**
     * The view the calling thread used last, of whichever bag: for the warm path, which checks it against its bag's
     * generation only after its compare-and-set ({@link ConnectionBag#recentView}). Never written to before that
     * check when it is {@code NO_VIEW}, whose slots are empty.
     */
    static int[] recent() {
        return RECENT.get();
    }

    /** The calling thread's view of the bag at {@code index}, made for {@code generation}. */
    static int[] view(int index, int generation) {
        int[] recent = RECENT.get();
        // The place is needed only when the thread turns to another bag: its load, through the pool to the bag, is
        // then not waited for on the warm path, where the generation's check is predicted.
        return LocalSlots.generation(recent) == generation ? recent : turnTo(index, generation);
    }

    // Out of line: only when a thread turns from one bag to another, and the warm path stays small enough to inline.
    private static int[] turnTo(int index, int generation) {
        int[][] views = VIEWS.get();
        if (index >= views.length) {
            int[][] grown = Arrays.copyOf(views, Math.max(index + 1, 2 * views.length));
            Arrays.fill(grown, views.length, grown.length, NO_VIEW);
            VIEWS.set(grown);
            views = grown;
        }
        int[] view = views[index];
        if (LocalSlots.generation(view) != generation) {
            view = LocalSlots.create();
            LocalSlots.generation(view, generation);
            views[index] = view;
        }
        RECENT.set(view);
        return view;
    }
}
