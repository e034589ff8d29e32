package dev.casspool.embedded;

import java.util.concurrent.CountDownLatch;

/**
 * Run in a JVM of its own by {@link SignalsTest}: keeps more threads busy than the machine has cores, the situation in
 * which SIGSTOP takes longest to reach every thread, then prints {@code READY}. It exits when its standard input
 * closes, so a killed test JVM cannot leave it spinning.
 */
public final class SpinningThreadsMain {

    private static volatile long sink;

    private SpinningThreadsMain() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        CountDownLatch started = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            Thread spinner = new Thread(() -> {
                started.countDown();
                long n = 0;
                while (true) {
                    sink = ++n;
                }
            }, "spinner-" + i);
            spinner.start();
        }
        started.await();
        System.out.println("READY");
        System.out.flush();
        while (System.in.read() != -1) {
            // The test never writes; end-of-file means it is gone.
        }
        Runtime.getRuntime().halt(0);
    }
}
