package dev.casspool.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.RecordingStream;

/**
 * Counts JFR's {@code jdk.VirtualThreadPinned} events while open: a virtual thread that blocked while pinned to its
 * carrier (inside a {@code synchronized} block before Java 24, or under a native frame), so that the carrier could
 * serve no other virtual thread meanwhile. Every such event is counted, however short (the JDK's default threshold
 * of 20 ms would hide the short pins that add up under load).
 */
final class PinnedCarriers implements AutoCloseable {

    private static final String EVENT = "jdk.VirtualThreadPinned";

    private final RecordingStream stream = new RecordingStream();
    private final AtomicLong pinned = new AtomicLong();
    private volatile String firstStack;

    /** Starts counting. */
    PinnedCarriers() {
        stream.enable(EVENT).withThreshold(Duration.ZERO).withStackTrace();
        stream.onEvent(EVENT, event -> {
            if (pinned.getAndIncrement() == 0) {
                firstStack = String.valueOf(event.getStackTrace());
            }
        });
        stream.startAsync();
    }

    /** Pinned events seen so far. */
    long count() {
        return pinned.get();
    }

    /** The stack of the first pinned event, or null when there was none. */
    String firstStack() {
        return firstStack;
    }

    /** Stops counting; every event recorded so far has been counted once this returns. */
    @Override
    public void close() {
        stream.close();
    }
}
