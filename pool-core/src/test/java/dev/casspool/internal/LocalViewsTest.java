package dev.casspool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each thread's view of each bag, found through the one thread-local that all bags share. */
class LocalViewsTest {

    /** Enough claims to pass every place that bags of earlier tests left free below the one looked for. */
    private static final int MAX_CLAIMS = 100_000;

    private final Housekeeper housekeeper = new Housekeeper("views-test");

    @AfterEach
    void stopHousekeeper() {
        housekeeper.shutdown(TimeUnit.SECONDS.toNanos(1));
    }

    private ConnectionBag newBag() {
        return new ConnectionBag(housekeeper, () -> false, false);
    }

    @Test
    void aThreadHasAViewOfItsOwnOfEachBag() {
        ConnectionBag first = newBag();
        ConnectionBag second = newBag();
        int[] firstView = first.local();
        LocalSlots.held(firstView, 3);

        int[] secondView = second.local();

        assertThat(secondView).isNotSameAs(firstView);
        assertThat(LocalSlots.held(secondView)).as("what the thread holds of the first bag").isEqualTo(LocalSlots.NONE);
        assertThat(first.local()).as("the first bag's view, after the thread turned to the second").isSameAs(firstView);
        assertThat(LocalSlots.held(firstView)).isEqualTo(3);
    }

    @Test
    void anotherThreadHasAnotherView() throws Exception {
        ConnectionBag bag = newBag();
        int[] mine = bag.local();
        LocalSlots.held(mine, 2);

        int[] theirs = CompletableFuture.supplyAsync(bag::local).get(30, TimeUnit.SECONDS);

        assertThat(theirs).isNotSameAs(mine);
        assertThat(LocalSlots.held(theirs)).isEqualTo(LocalSlots.NONE);
    }

    /**
     * A thread that held a connection of a pool that was closed and dropped keeps that view. The pool's place goes
     * to a later bag only once the old bag is garbage, and the thread then gets a new view for it, in which it holds
     * nothing: with the old one, it would take the new pool's entry in that slot for its own.
     */
    @Test
    void aPlaceGoesToANewBagOnlyOnceItsBagIsGarbageAndWithoutItsViews() {
        LocalViews.Place old = LocalViews.claim(newBag());  // nothing else refers to that bag
        int[] oldView = LocalViews.view(old.index, old.generation);
        LocalSlots.held(oldView, 0);
        ConnectionBag kept = newBag();
        LocalViews.Place live = LocalViews.claim(kept);

        LocalViews.Place reused = null;
        for (int claims = 0; claims < MAX_CLAIMS && reused == null; claims++) {
            if (claims % 1_000 == 0) {
                System.gc();
            }
            LocalViews.Place next = LocalViews.claim(kept);
            assertThat(next.index).as("the place of a bag still reachable").isNotEqualTo(live.index);
            reused = next.index == old.index ? next : null;
        }

        assertThat(reused).as("the garbage bag's place, given to a new one").isNotNull();
        int[] view = LocalViews.view(reused.index, reused.generation);
        assertThat(view).isNotSameAs(oldView);
        assertThat(LocalSlots.held(view)).isEqualTo(LocalSlots.NONE);
    }
}
