package dev.casspool.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One timed round of one side: {@code threads} threads, released together, each running its step back to back until
 * the round's time is up, recording every operation's latency and the process's CPU time.
 */
final class LoadRound {

    private LoadRound() {
    }

    /**
     * Runs the round.
     *
     * @param kind platform or virtual threads
     * @return throughput over the round's wall-clock time (until the last thread finished its last operation),
     *     latency percentiles over all threads, and this process's CPU time per operation
     * @throws IllegalStateException when an operation failed (the round stops at the first failure)
     */
    static RoundResult run(Contender side, Workload workload, int threads, Duration length, LoadThreads kind)
            throws InterruptedException {
        return run(side, workload, threads, length, kind, null);
    }

    /**
     * Runs the round, and measures what the cluster's node processes on this machine spent on it too.
     *
     * @param cluster the cluster's nodes, or null not to measure them
     */
    static RoundResult run(Contender side, Workload workload, int threads, Duration length, LoadThreads kind,
                           ClusterCpu cluster) throws InterruptedException {
        side.roundNotes();  // what happened before this round is not the round's
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        long[] deadline = new long[1];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        LatencyHistogram[] latencies = new LatencyHistogram[threads];
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            Contender.Step step = side.step(i, workload.operation());
            LatencyHistogram mine = new LatencyHistogram();
            latencies[i] = mine;
            workers[i] = kind.newThread(() -> {
                ready.countDown();
                try {
                    start.await();
                    // The latch makes the deadline written before it opened visible here.
                    long end = deadline[0];
                    while (failure.get() == null) {
                        long began = System.nanoTime();
                        if (began - end >= 0) {
                            break;
                        }
                        step.run();
                        mine.record(System.nanoTime() - began);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "load-" + side.name() + "-" + i);
            workers[i].start();
        }
        ready.await();
        long cpuBefore = ProcessCpu.nanos();
        long clusterBefore = cluster == null ? 0 : cluster.nanos();
        long began = System.nanoTime();
        deadline[0] = began + length.toNanos();
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - began;
        long cpu = ProcessCpu.nanos() - cpuBefore;
        long clusterCpu = cluster == null ? -1 : cluster.nanos() - clusterBefore;
        if (failure.get() != null) {
            throw new IllegalStateException("An operation of the " + side.name() + " side failed: "
                    + failure.get(), failure.get());
        }
        LatencyHistogram all = new LatencyHistogram();
        for (LatencyHistogram mine : latencies) {
            all.add(mine);
        }
        return RoundResult.of(all, elapsed, cpu, clusterCpu, side.roundNotes());
    }
}
