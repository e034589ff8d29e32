package dev.casspool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.cassandra.thrift.Column;
import org.apache.cassandra.thrift.ColumnOrSuperColumn;
import org.apache.cassandra.thrift.ColumnParent;
import org.apache.cassandra.thrift.ColumnPath;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.cassandra.thrift.CounterColumn;
import org.apache.cassandra.thrift.Deletion;
import org.apache.cassandra.thrift.KeyRange;
import org.apache.cassandra.thrift.KeySlice;
import org.apache.cassandra.thrift.Mutation;
import org.apache.cassandra.thrift.NotFoundException;
import org.apache.cassandra.thrift.SlicePredicate;
import org.apache.cassandra.thrift.SliceRange;
import org.apache.thrift.TException;

/**
 * Reads and writes rows of one column family through a {@link ConnectionPool}, like pycassa's {@code ColumnFamily}
 * for standard column families. Names and values are strings (UTF-8) or raw bytes.
 *
 * <pre>{@code
 * ColumnFamily cf = new ColumnFamily(pool, "Standard1");
 * long timestamp = cf.insert("key", Map.of("col", "val"));   // microseconds since the epoch
 * Map<String, String> row = cf.get("key");                   // {col=val}
 * }</pre>
 *
 * <p>Every call checks a connection out of the pool and back in, and retries like the pool's data calls. Calls about one
 * row run through {@link ConnectionPool#execute(ByteBuffer, ThriftCall)}, so that a token-aware pool sends them to a
 * replica of the row. Cassandra's exceptions reach the caller unchanged; reading a row that has no columns throws
 * {@link NotFoundException}.
 */
public final class ColumnFamily {

    /** Columns read per row unless changed with {@link #setColumnCount(int)}, as in pycassa. */
    public static final int DEFAULT_COLUMN_COUNT = 100;

    /** Rows (or keys) fetched per request by range reads and multigets, as in pycassa. */
    public static final int DEFAULT_BUFFER_SIZE = 1024;

    /** Unsigned lexicographic byte order, Cassandra's order for {@code BytesType}. */
    private static final Comparator<byte[]> BYTES_ORDER = Arrays::compareUnsigned;

    private final ConnectionPool pool;
    private final String name;
    private final ColumnParent parent;
    private volatile ConsistencyLevel readConsistencyLevel = ConsistencyLevel.ONE;
    private volatile ConsistencyLevel writeConsistencyLevel = ConsistencyLevel.ONE;
    private volatile int columnCount = DEFAULT_COLUMN_COUNT;
    private volatile int bufferSize = DEFAULT_BUFFER_SIZE;

    /**
     * Creates a helper for column family {@code name} in the pool's keyspace.
     *
     * @throws IllegalArgumentException when {@code name} is blank
     */
    public ColumnFamily(ConnectionPool pool, String name) {
        this.pool = Objects.requireNonNull(pool, "pool");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("column family name must not be blank, was " + name);
        }
        this.name = name;
        this.parent = new ColumnParent(name);
    }

    /** The column family's name. */
    public String name() {
        return name;
    }

    /** The consistency level of reads (default ONE). */
    public ConsistencyLevel getReadConsistencyLevel() {
        return readConsistencyLevel;
    }

    /** Sets the consistency level of reads. */
    public void setReadConsistencyLevel(ConsistencyLevel level) {
        this.readConsistencyLevel = Objects.requireNonNull(level, "read consistency level");
    }

    /** The consistency level of writes (default ONE). */
    public ConsistencyLevel getWriteConsistencyLevel() {
        return writeConsistencyLevel;
    }

    /** Sets the consistency level of writes. */
    public void setWriteConsistencyLevel(ConsistencyLevel level) {
        this.writeConsistencyLevel = Objects.requireNonNull(level, "write consistency level");
    }

    /** Sets how many columns a read returns per row at most (default 100). */
    public void setColumnCount(int columnCount) {
        this.columnCount = requirePositive("columnCount", columnCount);
    }

    /** Sets how many rows or keys one request of {@link #getRange} or {@link #multiget} covers (default 1024). */
    public void setBufferSize(int bufferSize) {
        this.bufferSize = requirePositive("bufferSize", bufferSize);
    }

    // --- strings ---

    /**
     * Writes columns to a row in one {@code batch_mutate}.
     *
     * @return the timestamp written, in microseconds since the epoch
     */
    public long insert(String key, Map<String, String> columns) throws TException {
        Map<ByteBuffer, ByteBuffer> encoded = new LinkedHashMap<>();
        columns.forEach((column, value) -> encoded.put(utf8(column), utf8(value)));
        return write(utf8(key), encoded);
    }

    /**
     * Reads a row's columns (up to the column count), in Cassandra's column order.
     *
     * @throws NotFoundException when the row has no columns
     */
    public Map<String, String> get(String key) throws TException {
        return stringRow(read(utf8(key), allColumns()));
    }

    /**
     * Reads the named columns of a row.
     *
     * @throws NotFoundException when the row has none of them
     */
    public Map<String, String> get(String key, Collection<String> columns) throws TException {
        return stringRow(read(utf8(key), named(columns.stream().map(ColumnFamily::utf8).toList())));
    }

    /** Reads several rows; rows without columns are left out, the others keep the order of {@code keys}. */
    public Map<String, Map<String, String>> multiget(Collection<String> keys) throws TException {
        return multiget(keys, ColumnFamily::utf8, ColumnFamily::stringRow);
    }

    /** Counts a row's columns; 0 when the row does not exist. */
    public int getCount(String key) throws TException {
        return count(utf8(key));
    }

    /**
     * Deletes a whole row.
     *
     * @return the deletion's timestamp in microseconds
     */
    public long remove(String key) throws TException {
        return delete(utf8(key), null);
    }

    /**
     * Deletes columns of a row.
     *
     * @return the deletion's timestamp in microseconds
     */
    public long remove(String key, Collection<String> columns) throws TException {
        return delete(utf8(key), columns.stream().map(ColumnFamily::utf8).toList());
    }

    /**
     * Reads up to {@code rowCount} rows in the ring's (token) order, starting at key {@code start} ("" for the start
     * of the ring), fetching {@link #setBufferSize buffer size} rows per request. Rows without columns (deleted rows
     * awaiting compaction) are skipped.
     */
    public List<Map.Entry<String, Map<String, String>>> getRange(String start, int rowCount) throws TException {
        List<Map.Entry<String, Map<String, String>>> rows = new ArrayList<>();
        range(utf8(start), rowCount, (key, columns) -> rows.add(Map.entry(string(key), stringRow(columns))));
        return rows;
    }

    /**
     * Adds {@code value} to a counter column (the column family must hold counters). Not retried unless the pool was
     * built with {@code retryCounterMutations(true)}, because a retried increment may count twice.
     */
    public void add(String key, String column, long value) throws TException {
        CounterColumn counter = new CounterColumn(utf8(column), value);
        ByteBuffer row = utf8(key);
        pool.execute(row, client -> {
            client.add(row, parent, counter, writeConsistencyLevel);
            return null;
        });
    }

    /**
     * Reads a counter column.
     *
     * @throws NotFoundException when the counter does not exist
     */
    public long getCounter(String key, String column) throws TException {
        ByteBuffer row = utf8(key);
        return pool.execute(row, client -> client.get(row, new ColumnPath(name)
                .setColumn(utf8(column)), readConsistencyLevel).getCounter_column().getValue());
    }

    // --- bytes ---

    /** {@link #insert(String, Map)} with raw bytes. */
    public long insert(byte[] key, Map<byte[], byte[]> columns) throws TException {
        Map<ByteBuffer, ByteBuffer> encoded = new LinkedHashMap<>();
        columns.forEach((column, value) -> encoded.put(ByteBuffer.wrap(column), ByteBuffer.wrap(value)));
        return write(ByteBuffer.wrap(key), encoded);
    }

    /**
     * {@link #get(String)} with raw bytes; the map is ordered (and looked up) by unsigned byte order, as
     * {@code BytesType} sorts.
     */
    public SortedMap<byte[], byte[]> get(byte[] key) throws TException {
        return bytesRow(read(ByteBuffer.wrap(key), allColumns()));
    }

    /** {@link #multiget(Collection)} with raw bytes; rows keep the order of {@code keys}. */
    public Map<byte[], SortedMap<byte[], byte[]>> multigetBytes(Collection<byte[]> keys) throws TException {
        return multiget(keys, ByteBuffer::wrap, ColumnFamily::bytesRow);
    }

    /** {@link #getCount(String)} with a raw key. */
    public int getCount(byte[] key) throws TException {
        return count(ByteBuffer.wrap(key));
    }

    /** {@link #remove(String)} with a raw key. */
    public long remove(byte[] key) throws TException {
        return delete(ByteBuffer.wrap(key), null);
    }

    /** {@link #getRange(String, int)} with raw bytes. */
    public List<Map.Entry<byte[], SortedMap<byte[], byte[]>>> getRange(byte[] start, int rowCount)
            throws TException {
        List<Map.Entry<byte[], SortedMap<byte[], byte[]>>> rows = new ArrayList<>();
        range(ByteBuffer.wrap(start), rowCount, (key, columns) -> rows.add(Map.entry(bytes(key), bytesRow(columns))));
        return rows;
    }

    // --- Thrift ---

    private long write(ByteBuffer key, Map<ByteBuffer, ByteBuffer> columns) throws TException {
        long timestamp = nowMicros();
        List<Mutation> mutations = new ArrayList<>(columns.size());
        columns.forEach((column, value) -> mutations.add(new Mutation().setColumn_or_supercolumn(
                new ColumnOrSuperColumn().setColumn(new Column(column).setValue(value).setTimestamp(timestamp)))));
        mutate(key, mutations);
        return timestamp;
    }

    private long delete(ByteBuffer key, List<ByteBuffer> columns) throws TException {
        long timestamp = nowMicros();
        Deletion deletion = new Deletion().setTimestamp(timestamp);
        if (columns != null) {
            deletion.setPredicate(new SlicePredicate().setColumn_names(columns));
        }
        mutate(key, List.of(new Mutation().setDeletion(deletion)));
        return timestamp;
    }

    private void mutate(ByteBuffer key, List<Mutation> mutations) throws TException {
        Map<ByteBuffer, Map<String, List<Mutation>>> batch = Map.of(key, Map.of(name, mutations));
        ConsistencyLevel level = writeConsistencyLevel;
        pool.execute(key, client -> {
            client.batch_mutate(batch, level);
            return null;
        });
    }

    private List<ColumnOrSuperColumn> read(ByteBuffer key, SlicePredicate predicate) throws TException {
        ConsistencyLevel level = readConsistencyLevel;
        List<ColumnOrSuperColumn> columns = pool.execute(key, client -> client.get_slice(key, parent, predicate,
                level));
        if (columns.isEmpty()) {
            throw new NotFoundException();
        }
        return columns;
    }

    private int count(ByteBuffer key) throws TException {
        SlicePredicate everything = new SlicePredicate().setSlice_range(
                new SliceRange(ByteBuffer.allocate(0), ByteBuffer.allocate(0), false, Integer.MAX_VALUE));
        ConsistencyLevel level = readConsistencyLevel;
        return pool.execute(key, client -> client.get_count(key, parent, everything, level));
    }

    private <K, R> Map<K, R> multiget(Collection<K> keys, Function<K, ByteBuffer> encode,
                                      Function<List<ColumnOrSuperColumn>, R> decode) throws TException {
        List<K> ordered = List.copyOf(keys);
        SlicePredicate predicate = allColumns();
        ConsistencyLevel level = readConsistencyLevel;
        Map<K, R> rows = new LinkedHashMap<>();
        int chunk = bufferSize;
        for (int from = 0; from < ordered.size(); from += chunk) {
            List<K> batch = ordered.subList(from, Math.min(ordered.size(), from + chunk));
            List<ByteBuffer> encoded = batch.stream().map(encode).toList();
            Map<ByteBuffer, List<ColumnOrSuperColumn>> found =
                    pool.execute(client -> client.multiget_slice(encoded, parent, predicate, level));
            for (int i = 0; i < batch.size(); i++) {
                List<ColumnOrSuperColumn> columns = found.get(encoded.get(i));
                if (columns != null && !columns.isEmpty()) {
                    rows.put(batch.get(i), decode.apply(columns));
                }
            }
        }
        return rows;
    }

    /** Receives the rows of a range read. */
    private interface RowSink {
        void accept(ByteBuffer key, List<ColumnOrSuperColumn> columns);
    }

    /**
     * Pages through a key range as pycassa does: each page after the first starts at the last key of the page before,
     * whose first row therefore repeats and is skipped; a short page ends the range.
     */
    private void range(ByteBuffer start, int rowCount, RowSink sink) throws TException {
        requirePositive("rowCount", rowCount);
        SlicePredicate predicate = allColumns();
        ConsistencyLevel level = readConsistencyLevel;
        ByteBuffer pageStart = start;
        int found = 0;
        for (boolean firstPage = true; ; firstPage = false) {
            int pageSize = Math.min(bufferSize, rowCount - found + (firstPage ? 0 : 1));
            KeyRange range = new KeyRange(pageSize).setStart_key(pageStart).setEnd_key(ByteBuffer.allocate(0));
            List<KeySlice> page = pool.execute(client -> client.get_range_slices(parent, predicate, range, level));
            for (int i = firstPage ? 0 : 1; i < page.size(); i++) {
                KeySlice row = page.get(i);
                if (!row.getColumns().isEmpty()) {
                    sink.accept(row.bufferForKey(), row.getColumns());
                    if (++found >= rowCount) {
                        return;
                    }
                }
            }
            if (page.size() < pageSize) {
                return;
            }
            pageStart = page.get(page.size() - 1).bufferForKey();
        }
    }

    private SlicePredicate allColumns() {
        return new SlicePredicate().setSlice_range(
                new SliceRange(ByteBuffer.allocate(0), ByteBuffer.allocate(0), false, columnCount));
    }

    private static SlicePredicate named(List<ByteBuffer> columns) {
        return new SlicePredicate().setColumn_names(columns);
    }

    private static Map<String, String> stringRow(List<ColumnOrSuperColumn> columns) {
        Map<String, String> row = new LinkedHashMap<>();
        for (ColumnOrSuperColumn column : columns) {
            row.put(string(column.getColumn().bufferForName()), string(column.getColumn().bufferForValue()));
        }
        return row;
    }

    private static SortedMap<byte[], byte[]> bytesRow(List<ColumnOrSuperColumn> columns) {
        SortedMap<byte[], byte[]> row = new TreeMap<>(BYTES_ORDER);
        for (ColumnOrSuperColumn column : columns) {
            row.put(column.getColumn().getName(), column.getColumn().getValue());
        }
        return row;
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(Objects.requireNonNull(text, "key, column name or value").getBytes(StandardCharsets.UTF_8));
    }

    private static String string(ByteBuffer bytes) {
        return StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private static int requirePositive(String setting, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1, was " + value);
        }
        return value;
    }
}
