package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A connection held past leakDetectionThreshold is reported once, with the get() that took it. */
@EmbeddedCassandra
class LeakDetectionTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Leaks", "Standard1");


    @Test
    void aHeldConnectionIsReportedOnceWithItsCheckOutAndClearedWhenItComesBack(CassandraNode node)
            throws Exception {
        try (LogCapture log = new LogCapture();
             ConnectionPool pool = TestPools.builder(node, KEYSPACE).loggingName("leaky")
                     .leakDetectionThreshold(Duration.ofMillis(200)).build()) {
            ConnectionWrapper held = checkOutAndForget(pool);
            Conditions.await("the leak warning", Duration.ofSeconds(10),
                    () -> !log.containing("Possible connection leak").isEmpty());

            ILoggingEvent warning = log.containing("Possible connection leak").get(0);
            assertThat(warning.getLevel()).isEqualTo(Level.WARN);
            assertThat(warning.getFormattedMessage()).contains("pool leaky", node.thriftAddress(), "200 ms");
            assertThat(Arrays.stream(warning.getThrowableProxy().getStackTraceElementProxyArray())
                    .map(Object::toString)).anySatisfy(frame -> assertThat(frame).contains("checkOutAndForget"));

            // Only one warning, however long it stays out; a connection given back quickly is never reported.
            pool.execute(client -> client.describe_version());
            pool.put(held);
            List<ILoggingEvent> cleared = log.containing("came back after all");
            assertThat(cleared).singleElement().satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO));
            assertThat(log.containing("Possible connection leak")).hasSize(1);
        }
    }

    private static ConnectionWrapper checkOutAndForget(ConnectionPool pool) {
        return pool.get();
    }
}
