package dev.casspool;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import dev.casspool.internal.PoolEvents;
import org.slf4j.LoggerFactory;

/** Captures what the pool logs, for tests of log output. Close it to detach. */
final class LogCapture implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(PoolEvents.LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level levelBefore = logger.getLevel();

    /** Captures at the configured level. */
    LogCapture() {
        appender.start();
        logger.addAppender(appender);
    }

    /** Captures at {@code level} until closed (pools refresh their view of the level within a second). */
    LogCapture(Level level) {
        this();
        logger.setLevel(level);
    }

    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    List<ILoggingEvent> containing(String text) {
        return events().stream().filter(e -> e.getFormattedMessage().contains(text)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(levelBefore);
    }
}
