package dev.casspool.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records JFR's {@code jdk.VirtualThreadPinned} events while open: a virtual thread that blocked while pinned to its
 * carrier (inside a {@code synchronized} block before Java 24, or under a native frame), so that the carrier could
 * serve no other virtual thread meanwhile. Every such event is recorded, however short (the JDK's default threshold
 * of 20 ms would hide the short pins that add up under load).
 */
final class PinnedCarriers implements AutoCloseable {

    private static final String EVENT = "jdk.VirtualThreadPinned";

    private final Recording recording = new Recording();

    /** Starts recording. */
    PinnedCarriers() {
        recording.enable(EVENT).withThreshold(Duration.ZERO).withStackTrace();
        recording.start();
    }

    /** Stops recording and returns the pinned events recorded. */
    List<RecordedEvent> stop() {
        recording.stop();
        try {
            Path file = Files.createTempFile("casspool-pinned", ".jfr");
            try {
                recording.dump(file);
                return RecordingFile.readAllEvents(file).stream()
                        .filter(event -> event.getEventType().getName().equals(EVENT)).toList();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the recording of pinned virtual threads", e);
        }
    }

    @Override
    public void close() {
        recording.close();
    }
}
