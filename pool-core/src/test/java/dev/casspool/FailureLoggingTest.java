package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.casspool.internal.FailureLog;
import java.util.List;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.Test;

/**
 * Storms of failures stay readable in the log: the first failure of a server is logged at its level, the rest at
 * DEBUG, with a summary every ten seconds while they go on. Listeners still receive every event.
 */
class FailureLoggingTest {

    private static final String A = "10.0.0.4:9160";
    private static final String B = "10.0.0.5:9160";

    @Test
    void aStormIsLoggedByItsFirstFailureAndByASummaryEveryTenSecondsUntilItStops() {
        FailureLog failures = new FailureLog("pool-x");
        TTransportException refused = new TTransportException("Connection refused");
        try (LogCapture log = new LogCapture()) {
            assertThat(failures.level(failed(A, refused))).isEqualTo(PoolEvent.Level.INFO);
            assertThat(failures.level(retried(A, refused))).as("the retry of the same failure")
                    .isEqualTo(PoolEvent.Level.DEBUG);
            for (int i = 0; i < 99; i++) {
                assertThat(failures.level(failed(A, refused))).isEqualTo(PoolEvent.Level.DEBUG);
                assertThat(failures.level(retried(A, refused))).isEqualTo(PoolEvent.Level.DEBUG);
            }
            assertThat(failures.level(failed(B, refused))).as("another server's first").isEqualTo(PoolEvent.Level.INFO);

            for (int second = 1; second < 10; second++) {
                failures.tick();
            }
            assertThat(log.events()).isEmpty();
            failures.tick();
            assertThat(lines(log)).singleElement().asString().contains("pool-x: 99 more connects or operations failed"
                    + " on " + A + " in the last 10 s, and 100 operations were retried on another server",
                    "the last failure: TTransportException: Connection refused");

            assertThat(failures.level(failed(A, refused))).as("the storm goes on").isEqualTo(PoolEvent.Level.DEBUG);
            for (int second = 1; second <= 10; second++) {
                failures.tick();
            }
            assertThat(lines(log)).hasSize(2).last().asString().contains("1 more connects or operations failed");
            for (int second = 1; second <= 10; second++) {
                failures.tick();
            }
            assertThat(lines(log)).as("ten quiet seconds end the storm").hasSize(2);
            assertThat(failures.level(failed(A, refused))).isEqualTo(PoolEvent.Level.INFO);
        }
    }

    @Test
    void everyConnectToADeadServerReachesTheListenersAndOneReachesTheLogAboveDebug() {
        RecordingListener events = new RecordingListener();
        try (LogCapture log = new LogCapture(Level.DEBUG);
             ConnectionPool pool = ConnectionPool.builder().keyspace("Keyspace1").serverList("127.0.0.1:1")
                     .prefill(false).listener(events).build()) {
            for (int i = 0; i < 20; i++) {
                assertThatThrownBy(pool::get).isInstanceOf(AllServersUnavailableException.class);
            }

            assertThat(events.count(PoolEventType.CONNECTION_FAILED)).isEqualTo(20);
            List<ILoggingEvent> failures = log.containing("Connecting to 127.0.0.1:1");
            assertThat(failures).hasSize(20);
            assertThat(failures).filteredOn(line -> line.getLevel() == Level.INFO).hasSize(1);
            assertThat(failures).filteredOn(line -> line.getLevel() == Level.DEBUG).hasSize(19);
        }
    }

    private static PoolEvent failed(String server, Throwable error) {
        return PoolEvent.connectionFailed("pool-x", error, server, null);
    }

    private static PoolEvent retried(String server, Throwable error) {
        return PoolEvent.operationRetried("pool-x", null, error, server);
    }

    private static List<String> lines(LogCapture log) {
        return log.events().stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
