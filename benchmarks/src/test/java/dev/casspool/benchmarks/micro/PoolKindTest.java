package dev.casspool.benchmarks.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PoolKindTest {

    // In thread-local mode one thread's gets all return the connection it holds; the other kinds hand out distinct ones.
    @ParameterizedTest
    @EnumSource(value = PoolKind.class, names = "CASSPOOL_THREAD_LOCAL", mode = EnumSource.Mode.EXCLUDE)
    void handsOutEveryConnectionOnceAndTakesThemBack(PoolKind kind) throws Exception {
        try (BenchmarkedPool pool = kind.open(PoolShape.fixed(3))) {
            List<Object> all = checkOut(pool, 3);

            assertThat(all).doesNotHaveDuplicates().doesNotContainNull();
            checkIn(pool, all);
            assertThat(checkOut(pool, 3)).containsExactlyInAnyOrderElementsOf(all);
        }
    }

    @ParameterizedTest
    @EnumSource(value = PoolKind.class, names = "CASSPOOL_THREAD_LOCAL", mode = EnumSource.Mode.EXCLUDE)
    void overflowsBeyondItsSizeAndClosesTheExtraConnectionsAtCheckIn(PoolKind kind) throws Exception {
        try (BenchmarkedPool pool = kind.open(PoolShape.overflowing(1, 2))) {
            List<Object> all = checkOut(pool, 3);

            assertThat(all).doesNotHaveDuplicates();
            checkIn(pool, all);
            List<Object> again = checkOut(pool, 3);
            assertThat(again).doesNotHaveDuplicates().containsAnyElementsOf(all).hasSize(3);
            assertThat(again.stream().filter(all::contains)).hasSize(1);
            checkIn(pool, again);
        }
    }

    @Test
    void threadLocalModeHandsOneThreadItsConnectionAgain() throws Exception {
        try (BenchmarkedPool pool = PoolKind.CASSPOOL_THREAD_LOCAL.open(PoolShape.fixed(3))) {
            Object first = pool.checkOut();
            pool.checkIn(first);

            Object second = pool.checkOut();
            assertThat(second).isSameAs(first);
            pool.checkIn(second);
        }
    }

    @Test
    void everyBenchmarkMeasuresTheSamePoolsOrSaysWhyNot() {
        assertThat(new OverflowBenchmark().shape().maxOverflow()).isEqualTo(OverflowBenchmark.THREADS - 2);
        assertThat(new ContendedBenchmark().shape().size()).isLessThan(ContendedBenchmark.THREADS);
        assertThat(new WarmPoolBenchmark().shape().size()).isEqualTo(PoolBenchmarks.THREAD_COUNTS.get(4));
    }

    private static List<Object> checkOut(BenchmarkedPool pool, int count) throws Exception {
        List<Object> connections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            connections.add(pool.checkOut());
        }
        return connections;
    }

    private static void checkIn(BenchmarkedPool pool, List<Object> connections) throws Exception {
        for (Object connection : connections) {
            pool.checkIn(connection);
        }
    }
}
