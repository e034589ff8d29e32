package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import dev.casspool.internal.SaturationLog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A saturated pool logs episodes, not requests: pycassa's per-request "already at its max size" line at INFO flooded
 * the soak test's log (54 MB in four minutes) and cost every waiting thread a log write. Listeners still receive every
 * {@code poolAtMax} event.
 */
@EmbeddedCassandra
class SaturationLoggingTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Saturation", "Standard1");

    private static final String STARTED = "is at its maximum of";
    private static final String STILL = "is still at its maximum";
    private static final String ENDED = "is below its maximum again";

    @Test
    void anEpisodeIsLoggedWhenItStartsEveryTenSecondsWhileItLastsAndWhenItEnds() {
        SaturationLog saturation = new SaturationLog("pool-x", 4);
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 1000; i++) {
                saturation.waited();
            }
            saturation.timedOut();
            assertThat(infoLines(log)).singleElement().asString()
                    .contains("pool-x " + STARTED + " 4 connections");

            for (int second = 1; second < 10; second++) {
                saturation.waited();
                saturation.tick(3);
            }
            assertThat(infoLines(log)).hasSize(1);
            saturation.waited();
            saturation.tick(3);
            assertThat(infoLines(log)).last().asString()
                    .contains(STILL, "1010 check-outs waited in the last 10 s, 1 of them gave up", "3 waiting now");

            saturation.waited();
            saturation.tick(0);  // a check-out waited during this second: not over yet
            saturation.tick(0);
            assertThat(infoLines(log)).hasSize(3);
            assertThat(infoLines(log)).last().asString()
                    .contains("pool-x " + ENDED, "after about 12 s", "1011 check-outs waited, 1 of them gave up");

            saturation.tick(0);
            saturation.waited();
            assertThat(infoLines(log)).hasSize(4);
            assertThat(infoLines(log)).last().asString().contains(STARTED);
        }
    }

    @Test
    void aPoolThatMakesManyCheckOutsWaitLogsOneLineAtInfoAndEveryWaitAtDebug(CassandraNode node)
            throws Exception {
        RecordingListener events = new RecordingListener();
        try (LogCapture log = new LogCapture(Level.DEBUG);
             ConnectionPool pool = TestPools.builder(node, KEYSPACE).poolSize(1).useThreadLocal(false)
                     .poolTimeout(Duration.ZERO).listener(events).build()) {
            ConnectionWrapper held = pool.get();
            for (int i = 0; i < 50; i++) {
                try {
                    pool.get();
                } catch (NoConnectionAvailableException expected) {
                    // every one of them found the pool at its maximum
                }
            }
            pool.put(held);

            assertThat(events.count(PoolEventType.POOL_AT_MAX)).isEqualTo(50);
            assertThat(infoLines(log)).filteredOn(line -> line.contains(STARTED)).singleElement().asString()
                    .contains(pool.loggingName());
            assertThat(log.containing("already at its max size")).hasSize(50).allSatisfy(
                    line -> assertThat(line.getLevel()).isEqualTo(Level.DEBUG));
        }
    }

    private static List<String> infoLines(LogCapture log) {
        return log.events().stream().filter(event -> event.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
