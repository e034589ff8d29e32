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
 * the soak test's log (54 MB in four minutes) and cost every waiting thread a log write, and a WARN line per check-out
 * that gives up would do the same. Listeners still receive every {@code poolAtMax} and {@code noConnectionAvailable}
 * event.
 */
@EmbeddedCassandra
class SaturationLoggingTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Saturation", "Standard1");

    private static final String STARTED = "is at its maximum of";
    private static final String GIVE_UP = "check-outs give up after poolTimeout";
    private static final String STILL = "is still at its maximum";
    private static final String ENDED = "is below its maximum again";

    @Test
    void anEpisodeIsLoggedWhenItStartsWhenCheckOutsGiveUpEveryTenSecondsWhileItLastsAndWhenItEnds() {
        Counts counts = new Counts();
        SaturationLog saturation = new SaturationLog("pool-x", 4, Duration.ofSeconds(30), counts);
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 1000; i++) {
                counts.atMax++;
                saturation.waited();
            }
            for (int i = 0; i < 5; i++) {
                counts.timeouts++;
                saturation.timedOut();
            }
            assertThat(lines(log, Level.INFO)).singleElement().asString()
                    .contains("pool-x " + STARTED + " 4 connections");
            assertThat(lines(log, Level.WARN)).singleElement().asString().contains("pool-x: " + GIVE_UP + " PT30S");

            for (int second = 1; second < 10; second++) {
                counts.atMax++;
                saturation.waited();
                saturation.tick(3);
            }
            assertThat(log.events()).hasSize(2);
            counts.atMax++;
            saturation.waited();
            saturation.tick(3);
            assertThat(lines(log, Level.WARN)).last().asString()
                    .contains(STILL, "1010 check-outs waited in the last 10 s, 5 of them gave up", "3 waiting now");

            for (int second = 1; second <= 10; second++) {
                counts.atMax++;
                saturation.waited();
                saturation.tick(3);
            }
            assertThat(lines(log, Level.INFO)).last().asString()
                    .contains(STILL, "10 check-outs waited in the last 10 s, 0 of them gave up");

            counts.atMax++;
            saturation.waited();
            saturation.tick(0);  // a check-out waited during this second: not over yet
            saturation.tick(0);
            assertThat(lines(log, Level.INFO)).last().asString()
                    .contains("pool-x " + ENDED, "after about 22 s", "1021 check-outs waited, 5 of them gave up");

            saturation.tick(0);
            counts.atMax++;
            saturation.waited();
            counts.timeouts++;
            saturation.timedOut();
            assertThat(lines(log, Level.INFO)).last().asString().contains(STARTED);
            assertThat(lines(log, Level.WARN)).last().asString().contains(GIVE_UP);
            assertThat(log.events()).hasSize(7);
        }
    }

    @Test
    void aPoolThatMakesManyCheckOutsWaitAndGiveUpLogsOneLineEachAndEveryRequestAtDebug(CassandraNode node)
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
                    // every one of them found the pool at its maximum, and gave up at once
                }
            }
            pool.put(held);

            assertThat(events.count(PoolEventType.POOL_AT_MAX)).isEqualTo(50);
            assertThat(events.count(PoolEventType.NO_CONNECTION_AVAILABLE)).isEqualTo(50);
            assertThat(lines(log, Level.INFO)).filteredOn(line -> line.contains(STARTED)).singleElement().asString()
                    .contains(pool.loggingName());
            assertThat(lines(log, Level.WARN)).singleElement().asString().contains(pool.loggingName(), GIVE_UP);
            assertThat(log.containing("already at its max size")).hasSize(50).allSatisfy(
                    line -> assertThat(line.getLevel()).isEqualTo(Level.DEBUG));
            assertThat(log.containing("could not check out a connection")).hasSize(50).allSatisfy(
                    line -> assertThat(line.getLevel()).isEqualTo(Level.DEBUG));
        }
    }

    private static List<String> lines(LogCapture log, Level level) {
        return log.events().stream().filter(event -> event.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The two counts a saturation log reads, set by the test. */
    private static final class Counts implements PoolStatistics {

        long atMax;
        long timeouts;

        @Override
        public long checkoutsAtMax() {
            return atMax;
        }

        @Override
        public long checkoutTimeouts() {
            return timeouts;
        }

        @Override
        public long serversAdded() {
            return 0;
        }

        @Override
        public long serversRemoved() {
            return 0;
        }

        @Override
        public long routedToReplica() {
            return 0;
        }

        @Override
        public long routedElsewhere() {
            return 0;
        }

        @Override
        public List<ServerStatistics> servers() {
            return List.of();
        }
    }
}
