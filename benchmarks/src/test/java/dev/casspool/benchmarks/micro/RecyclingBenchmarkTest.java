package dev.casspool.benchmarks.micro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.ConnectionPool;
import dev.casspool.PoolEventType;
import dev.casspool.PoolListener;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The recycling benchmark measures what it says: its call counts as an operation, so its pool really recycles. */
class RecyclingBenchmarkTest {

    @Test
    void theMeasuredCallReplacesAConnectionAfterRecycleCalls() throws Exception {
        assertThat(replacementsAfter(1000, 1000)).isZero();
        assertThat(replacementsAfter(1000, 1001)).isEqualTo(1);
    }

    @Test
    void minusOneNeverReplaces() throws Exception {
        assertThat(replacementsAfter(-1, 5000)).isZero();
    }

    /** Replacements after {@code calls} of the benchmark's call, from one thread (always the same connection). */
    private static int replacementsAfter(int recycle, int calls) throws Exception {
        AtomicInteger replacements = new AtomicInteger();
        try (ConnectionPool pool = RecyclingBenchmark.poolBuilder(recycle)
                .listener(PoolListener.on(PoolEventType.CONNECTION_RECYCLED, event -> replacements.incrementAndGet()))
                .build()) {
            for (int i = 0; i < calls; i++) {
                pool.execute(RecyclingBenchmark.CALL);
            }
        }
        return replacements.get();
    }
}
