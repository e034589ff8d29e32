package dev.casspool.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** POSIX signals that {@link Process} has no method for: stopping and continuing a process. */
public final class Signals {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private Signals() {
    }

    /**
     * SIGSTOP: the process freezes, its sockets stay open and accept connections nobody serves. Returns only once
     * every thread of the process has stopped.
     *
     * <p>{@code kill} returns as soon as the signal is queued. Linux wakes one thread to take it, and only when that
     * thread runs does it stop the others; on a busy machine that can take milliseconds, during which the other
     * threads go on serving requests. A caller that pauses a server and then expects silence must therefore wait for
     * the stop to take effect, which Linux shows in {@code /proc}. Where {@code /proc} is absent this cannot be
     * observed and the method returns once the signal is sent.
     */
    public static void stop(long pid) {
        send("-STOP", pid);
        awaitStopped(pid);
    }

    /** SIGCONT: a stopped process runs again. */
    public static void resume(long pid) {
        send("-CONT", pid);
    }

    /**
     * Whether every thread of the process is stopped (or already exited), as {@code /proc/<pid>/task/<tid>/stat}
     * reports it.
     *
     * @throws IllegalStateException when the process is gone or {@code /proc} has no entry for it
     */
    public static boolean isStopped(long pid) {
        return threadsNotStopped(pid).isEmpty();
    }

    private static void awaitStopped(long pid) {
        if (!Files.isDirectory(tasks(pid))) {
            return;
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        List<String> running = threadsNotStopped(pid);
        while (!running.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Process " + pid + " was sent SIGSTOP but threads " + running
                        + " still run after " + STOP_TIMEOUT);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + pid + " to stop", e);
            }
            running = threadsNotStopped(pid);
        }
    }

    /** Thread ids of the process whose state is neither stopped ({@code T}, {@code t}) nor exited ({@code Z}, {@code X}). */
    private static List<String> threadsNotStopped(long pid) {
        List<String> running = new ArrayList<>();
        try (Stream<Path> threads = Files.list(tasks(pid))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                char state = threadState(thread);
                if ("TtZX".indexOf(state) < 0) {
                    running.add(thread.getFileName().toString());
                }
            }
        } catch (NoSuchFileException gone) {
            throw new IllegalStateException("Process " + pid + " does not exist", gone);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the threads of process " + pid, e);
        }
        return running;
    }

    /** The state letter of one thread, or {@code X} for a thread that exited while the directory was listed. */
    private static char threadState(Path thread) throws IOException {
        String stat;
        try {
            stat = Files.readString(thread.resolve("stat"));
        } catch (NoSuchFileException exited) {
            return 'X';
        }
        // "tid (comm) S ...": the name may itself hold spaces and parentheses, so the state follows the last ')'.
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    private static Path tasks(long pid) {
        return Path.of("/proc", Long.toString(pid), "task");
    }

    private static void send(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes()).trim();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kill " + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending " + signal + " to " + pid, e);
        }
    }
}
