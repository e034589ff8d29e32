package dev.casspool.sample;

import dev.casspool.ColumnFamily;
import dev.casspool.ConnectionPool;
import java.util.Map;
import java.util.Set;
import org.apache.cassandra.thrift.NotFoundException;
import org.apache.thrift.TException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * The audit trail of the rows, kept in a keyspace of its own (the {@code audit} pool's): one row per written row, one
 * column per write, named by the write's timestamp, holding the names of the columns written.
 */
@Service
public class AuditService {

    /** The column family of the audit trail, in the pool's keyspace. */
    public static final String COLUMN_FAMILY = "Writes";

    private final ColumnFamily writes;

    /**
     * Creates the service.
     *
     * @param pool the pool of {@code cassandra.pool.pools.audit}
     */
    public AuditService(@Qualifier("audit") ConnectionPool pool) {
        this.writes = new ColumnFamily(pool, COLUMN_FAMILY);
    }

    /** Records that the columns {@code columns} of row {@code key} were written at {@code timestamp}. */
    public void recordWrite(String key, long timestamp, Set<String> columns) throws TException {
        writes.insert(key, Map.of(Long.toString(timestamp), String.join(",", columns.stream().sorted().toList())));
    }

    /**
     * The writes of row {@code key}: timestamp to the names of the columns written.
     *
     * @throws NotFoundException when the row was never written
     */
    public Map<String, String> writes(String key) throws TException {
        return writes.get(key);
    }
}
