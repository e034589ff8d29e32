package dev.casspool.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

/** POSIX signals that {@link Process} has no method for: stopping and continuing a process. */
public final class Signals {

    private Signals() {
    }

    /** SIGSTOP: the process freezes, its sockets stay open and accept connections nobody serves. */
    public static void stop(long pid) {
        send("-STOP", pid);
    }

    /** SIGCONT: a stopped process runs again. */
    public static void resume(long pid) {
        send("-CONT", pid);
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
