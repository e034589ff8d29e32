package dev.casspool.internal;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.apache.thrift.TException;

/**
 * Marks servers down when connecting to them or talking to them fails, and probes each server marked down in the
 * background, with exponentially growing delays, until it answers again.
 *
 * <p>A probe opens a short-lived socket of its own, on top of the pool's connections: waiting for a free slot would
 * keep a saturated pool from ever noticing that a server came back. Probes run one at a time (on the housekeeper), so
 * a pool has at most {@code poolSize + maxOverflow + 1} sockets open.
 */
public final class ServerHealth {

    /** Told when a server changes state. */
    public interface Observer {
        /** {@code server} was marked down after {@code failure}. */
        void markedDown(Server server, Throwable failure);

        /** {@code server} answers again. */
        void markedUp(Server server);
    }

    private final ConnectionSettings settings;
    private final Housekeeper housekeeper;
    private final Observer observer;
    private final long initialDelayNanos;
    private final long maxDelayNanos;
    private final Duration probeTimeout;

    /**
     * Creates the health tracker of a pool.
     *
     * @param settings how the pool connects; probes use its socket and transport factories
     * @param housekeeper runs the probes
     * @param observer told of state changes
     * @param initialDelay wait before the first probe of a server marked down
     * @param maxDelay longest wait between probes
     * @param probeTimeout socket timeout of a probe
     */
    public ServerHealth(ConnectionSettings settings, Housekeeper housekeeper, Observer observer, Duration initialDelay,
                        Duration maxDelay, Duration probeTimeout) {
        this.settings = settings;
        this.housekeeper = housekeeper;
        this.observer = observer;
        this.initialDelayNanos = initialDelay.toNanos();
        this.maxDelayNanos = maxDelay.toNanos();
        this.probeTimeout = probeTimeout;
    }

    /** Connecting to, or talking to, {@code server} failed in a way that says the server is unreachable. */
    public void failed(Server server, Throwable failure) {
        if (server.markDown(failure)) {
            observer.markedDown(server, failure);
            scheduleProbe(server, initialDelayNanos);
        }
    }

    /** A connection to {@code server} was opened. */
    public void succeeded(Server server) {
        if (server.markUp()) {
            observer.markedUp(server);
        }
    }

    private void scheduleProbe(Server server, long delayNanos) {
        try {
            housekeeper.schedule(() -> probe(server, delayNanos), delayNanos);
        } catch (RejectedExecutionException poolClosed) {
            // The pool is closed: nobody needs the server any more.
        }
    }

    private void probe(Server server, long lastDelayNanos) {
        if (server.isUp() || !server.inRing()) {
            return;  // a connect in the meantime found it up, or the node left the ring
        }
        try {
            Connection.probe(server, settings, probeTimeout);
            succeeded(server);
        } catch (TException | RuntimeException e) {
            server.probeFailed(e);
            scheduleProbe(server, Math.min(maxDelayNanos, lastDelayNanos * 2));
        }
    }
}
