package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Threads that each call {@code get()} once, started one at a time so that their arrival order is known. */
final class Waiters {

    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final ConnectionPool pool;
    private final List<CompletableFuture<ConnectionWrapper>> results = new ArrayList<>();

    Waiters(ConnectionPool pool) {
        this.pool = pool;
    }

    /** Starts a thread that calls get(), and returns once it is parked waiting (it holds no connection yet). */
    void startAndAwaitParked(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            CompletableFuture<ConnectionWrapper> result = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    result.complete(pool.get());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            }, "waiter-" + results.size());
            results.add(result);
            thread.setDaemon(true);
            thread.start();
            long deadline = System.nanoTime() + PATIENCE_NANOS;
            while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
                assertThat(System.nanoTime() - deadline).as("%s parks in get()", thread.getName()).isNegative();
                assertThat(result).as("%s is still waiting", thread.getName()).isNotDone();
                Thread.onSpinWait();
            }
        }
    }

    /** What waiter {@code index} received, once it has. */
    ConnectionWrapper received(int index) throws Exception {
        return results.get(index).get(30, TimeUnit.SECONDS);
    }

    /** Waiter {@code index}'s outcome, completed exceptionally when its get() threw. */
    CompletableFuture<ConnectionWrapper> outcome(int index) {
        return results.get(index);
    }
}
