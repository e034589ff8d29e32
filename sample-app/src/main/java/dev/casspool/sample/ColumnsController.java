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
 * {@code PUT /columns/{key}} with a JSON object of column names to values writes them to the row; {@code GET
 * /columns/{key}} reads the row back.
 */
@RestController
@RequestMapping("/columns")
public class ColumnsController {

    private final ColumnsService columns;

    ColumnsController(ColumnsService columns) {
        this.columns = columns;
    }

    @PutMapping("/{key}")
    Map<String, Object> put(@PathVariable String key, @RequestBody Map<String, String> row) throws TException {
        return Map.of("key", key, "timestamp", columns.insert(key, row));
    }

    @GetMapping("/{key}")
    Map<String, String> get(@PathVariable String key) throws TException {
        return columns.get(key);
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
