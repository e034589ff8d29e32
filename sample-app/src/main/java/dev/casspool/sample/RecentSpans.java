package dev.casspool.sample;

import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanReporter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the application's last {@value #KEPT} finished spans in memory and logs each at DEBUG (logger
 * {@code dev.casspool.sample.RecentSpans}): an HTTP request's server span and the client span of each Thrift call it
 * made through a pool ({@code cassandra.pool.operation}, named like {@code "get_slice Keyspace1"}). Spring Boot reports
 * every finished span to each {@link SpanReporter} bean; a real application would send them to Zipkin or an
 * OpenTelemetry collector instead.
 */
@Component
public class RecentSpans implements SpanReporter {

    private static final int KEPT = 200;
    private static final Logger log = LoggerFactory.getLogger(RecentSpans.class);

    private final Deque<FinishedSpan> spans = new ArrayDeque<>();

    @Override
    public void report(FinishedSpan span) {
        log.debug("{} span '{}' ({} ms, trace {}, parent {}): {}", span.getKind(), span.getName(),
                span.getDuration().toMillis(), span.getTraceId(), span.getParentId(), span.getTags());
        synchronized (spans) {
            spans.addLast(span);
            if (spans.size() > KEPT) {
                spans.removeFirst();
            }
        }
    }

    /** The last finished spans, oldest first. */
    public List<FinishedSpan> spans() {
        synchronized (spans) {
            return List.copyOf(spans);
        }
    }
}
