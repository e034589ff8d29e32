package dev.casspool.internal;

import java.util.concurrent.atomic.AtomicReference;

/** Views of a bag ({@link LocalSlots}) as threads other than the test's own get them. */
final class Views {

    private Views() {
    }

    /** The view of {@code bag} that a new thread gets: made for that bag, and holding nothing. */
    static int[] ofNewThread(ConnectionBag bag) {
        AtomicReference<int[]> view = new AtomicReference<>();
        Thread thread = new Thread(() -> view.set(bag.local()));
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return view.get();
    }
}
