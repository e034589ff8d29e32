package dev.casspool.benchmarks.micro;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.casspool.ConnectionPool;
import dev.casspool.ConnectionWrapper;
import dev.casspool.benchmarks.inert.InertThrift;
import dev.casspool.micrometer.ConnectionPoolMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 5's target "zero bytes allocated per check-out/check-in on the warm path", checked with the calling thread's
 * allocation counter, which counts every byte (JMH's {@code -prof gc} reports a fraction of a byte per operation, its
 * own per-iteration bookkeeping). The warm-up is left out: a thread's first get allocates its thread-local state.
 * It holds with the pool's meters bound too: their listener is offered timings and server changes, no check-out event.
 */
class WarmPathAllocationTest {

    private static final int WARM_UP = 2_000_000;
    private static final int MEASURED = 1_000_000;
    /**
     * What a measured run may allocate once, not per pair: a JIT compilation that lands in the measured run (late on a
     * loaded machine) can rematerialize an object or two. One object per pair would be 16 MB.
     */
    private static final long ONE_OFF_BYTES = 1024;

    @ParameterizedTest(name = "useThreadLocal={0}, metered={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void aWarmGetAndPutAllocateNothing(boolean useThreadLocal, boolean metered) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (ConnectionPool pool = InertThrift.poolBuilder()
                .poolSize(4)
                .useThreadLocal(useThreadLocal)
                .recycle(-1)
                .build()) {
            if (metered) {
                new ConnectionPoolMetrics(pool).bindTo(new SimpleMeterRegistry());
            }
            getAndPut(pool, WARM_UP);

            long before = threads.getCurrentThreadAllocatedBytes();
            getAndPut(pool, MEASURED);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertThat(allocated).as("bytes allocated by %d warm get/put pairs", MEASURED).isLessThan(ONE_OFF_BYTES);
        }
    }

    private static void getAndPut(ConnectionPool pool, int pairs) {
        for (int i = 0; i < pairs; i++) {
            ConnectionWrapper connection = pool.get();
            pool.put(connection);
        }
    }
}
