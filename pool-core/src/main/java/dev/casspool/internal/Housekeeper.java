package dev.casspool.internal;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool's one background thread: probes servers marked down, retires idle and expired connections, reports leaks.
 * Tasks must be short; a task that throws is logged and does not stop the others.
 */
public final class Housekeeper {

    private static final Logger log = LoggerFactory.getLogger(Housekeeper.class);

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    /** Creates the housekeeper of pool {@code poolName}; its daemon thread starts with the first task. */
    public Housekeeper(String poolName) {
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread created = new Thread(task, poolName + "-housekeeper");
            created.setDaemon(true);
            thread = created;
            return created;
        });
        // Leak checks are cancelled on almost every check-in; keep the queue small.
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code task} once after {@code delayNanos}; the returned future cancels it. */
    public Future<?> schedule(Runnable task, long delayNanos) {
        return executor.schedule(guarded(task), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} every {@code periodNanos}. */
    public void every(long periodNanos, Runnable task) {
        executor.scheduleWithFixedDelay(guarded(task), periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Stops the thread, dropping pending tasks, and waits up to {@code patienceNanos} for it to end (not when called
     * from a task), so that nothing of a closed pool keeps running.
     */
    public void shutdown(long patienceNanos) {
        executor.shutdownNow();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            executor.awaitTermination(patienceNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("A casspool housekeeping task failed; the others carry on", e);
            }
        };
    }
}
