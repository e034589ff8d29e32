package dev.casspool.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinOnePercent() {
        LatencyHistogram latencies = new LatencyHistogram();
        for (long micros = 1; micros <= 100_000; micros++) {
            latencies.record(micros * 1000);
        }

        assertThat(latencies.count()).isEqualTo(100_000);
        assertThat((double) latencies.percentile(50)).isCloseTo(50_000_000, within(500_000.0));
        assertThat((double) latencies.percentile(99)).isCloseTo(99_000_000, within(990_000.0));
        assertThat((double) latencies.percentile(100)).isCloseTo(100_000_000, within(1_000_000.0));
    }

    @Test
    void smallLatenciesAreExact() {
        LatencyHistogram latencies = new LatencyHistogram();
        latencies.record(7);
        latencies.record(200);

        assertThat(latencies.percentile(50)).isEqualTo(7);
        assertThat(latencies.percentile(100)).isEqualTo(200);
    }

    @Test
    void mergesHistograms() {
        LatencyHistogram first = new LatencyHistogram();
        LatencyHistogram second = new LatencyHistogram();
        first.record(10);
        second.record(Long.MAX_VALUE);
        second.record(-5);

        first.add(second);

        assertThat(first.count()).isEqualTo(3);
        assertThat(first.percentile(1)).isZero();
        assertThat(first.percentile(100)).isGreaterThan(Long.MAX_VALUE / 2);
    }

    @Test
    void anEmptyHistogramSaysZero() {
        assertThat(new LatencyHistogram().percentile(99)).isZero();
    }
}
