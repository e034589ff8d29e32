package dev.casspool.sample;

import dev.casspool.PoolException;
import java.util.Map;
import org.apache.cassandra.thrift.NotFoundException;
import org.apache.thrift.TException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /columns/{key}} with a JSON object of column names to values writes them to the row and records the write
 * in the audit trail; {@code GET /columns/{key}} reads the row back, {@code GET /columns/{key}/writes} its audit trail.
 * The row and its trail live in two keyspaces, served by two pools.
 */
@RestController
@RequestMapping("/columns")
public class ColumnsController {

    private final ColumnsService columns;
    private final AuditService audit;

    ColumnsController(ColumnsService columns, AuditService audit) {
        this.columns = columns;
        this.audit = audit;
    }

    @PutMapping("/{key}")
    Map<String, Object> put(@PathVariable String key, @RequestBody Map<String, String> row) throws TException {
        long timestamp = columns.insert(key, row);
        audit.recordWrite(key, timestamp, row.keySet());
        return Map.of("key", key, "timestamp", timestamp);
    }

    @GetMapping("/{key}")
    Map<String, String> get(@PathVariable String key) throws TException {
        return columns.get(key);
    }

    @GetMapping("/{key}/writes")
    Map<String, String> writes(@PathVariable String key) throws TException {
        return audit.writes(key);
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such row");
    }

    /** The pool could not reach Cassandra (or waited too long for a connection): a temporary condition. */
    @ExceptionHandler(PoolException.class)
    ProblemDetail unavailable(PoolException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
