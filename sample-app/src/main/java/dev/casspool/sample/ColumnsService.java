package dev.casspool.sample;

import dev.casspool.ColumnFamily;
import dev.casspool.ConnectionPool;
import java.util.Map;
import org.apache.cassandra.thrift.NotFoundException;
import org.apache.thrift.TException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * pycassa's introductory example: rows of string columns in the column family {@value #COLUMN_FAMILY} of the
 * {@code columns} pool's keyspace.
 */
@Service
public class ColumnsService {

    /** The column family the application reads and writes, in the pool's keyspace. */
    public static final String COLUMN_FAMILY = "Standard1";

    private final ColumnFamily columnFamily;

    /**
     * Creates the service.
     *
     * @param pool the pool of {@code cassandra.pool.pools.columns}
     */
    public ColumnsService(@Qualifier("columns") ConnectionPool pool) {
        this.columnFamily = new ColumnFamily(pool, COLUMN_FAMILY);
    }

    /**
     * Writes columns to a row.
     *
     * @return the write's timestamp, in microseconds since the epoch
     */
    public long insert(String key, Map<String, String> columns) throws TException {
        return columnFamily.insert(key, columns);
    }

    /**
     * Reads a row's columns.
     *
     * @throws NotFoundException when the row has no columns
     */
    public Map<String, String> get(String key) throws TException {
        return columnFamily.get(key);
    }
}
