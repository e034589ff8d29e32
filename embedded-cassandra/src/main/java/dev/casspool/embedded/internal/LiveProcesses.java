package dev.casspool.embedded.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Processes started by this JVM that must not outlive it. A shutdown hook kills those still running when the JVM exits
 * normally or on SIGTERM; {@link NodeMain}'s watch covers the case where this JVM is killed outright.
 */
public final class LiveProcesses {

    private static final Set<Registration> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(LiveProcesses::killAll, "casspool-embedded-shutdown"));
    }

    private LiveProcesses() {
    }

    /** A registered process and what to do after it is killed at shutdown. */
    public record Registration(Process process, Runnable afterKill) {
    }

    /** Registers {@code process}; {@code afterKill} runs at JVM shutdown once the process is dead. */
    public static Registration register(Process process, Runnable afterKill) {
        Registration registration = new Registration(process, afterKill);
        LIVE.add(registration);
        return registration;
    }

    /** Forgets a registration whose process has been stopped and cleaned up by its owner. */
    public static void unregister(Registration registration) {
        LIVE.remove(registration);
    }

    private static void killAll() {
        for (Registration registration : LIVE) {
            Process process = registration.process();
            // SIGKILL also ends a stopped (paused) process.
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            registration.afterKill().run();
        }
    }
}
