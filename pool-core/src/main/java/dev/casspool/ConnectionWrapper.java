package dev.casspool;

import dev.casspool.internal.Connection;
import dev.casspool.internal.Failover;
import dev.casspool.internal.Failures;
import dev.casspool.internal.OperationObserver;
import dev.casspool.internal.PoolEntry;
import dev.casspool.internal.Server;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.cassandra.thrift.AuthenticationRequest;
import org.apache.cassandra.thrift.CASResult;
import org.apache.cassandra.thrift.Cassandra;
import org.apache.cassandra.thrift.CfDef;
import org.apache.cassandra.thrift.CfSplit;
import org.apache.cassandra.thrift.Column;
import org.apache.cassandra.thrift.ColumnOrSuperColumn;
import org.apache.cassandra.thrift.ColumnParent;
import org.apache.cassandra.thrift.ColumnPath;
import org.apache.cassandra.thrift.Compression;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.cassandra.thrift.CounterColumn;
import org.apache.cassandra.thrift.CqlPreparedResult;
import org.apache.cassandra.thrift.CqlResult;
import org.apache.cassandra.thrift.IndexClause;
import org.apache.cassandra.thrift.KeyRange;
import org.apache.cassandra.thrift.KeySlice;
import org.apache.cassandra.thrift.KsDef;
import org.apache.cassandra.thrift.MultiSliceRequest;
import org.apache.cassandra.thrift.Mutation;
import org.apache.cassandra.thrift.SlicePredicate;
import org.apache.cassandra.thrift.TokenRange;
import org.apache.thrift.TException;

/**
 * A connection checked out of a {@link ConnectionPool}: the whole Thrift API of Cassandra, plus pooling.
 *
 * <p>The data calls ({@code get}, {@code get_slice}, {@code multiget_slice}, {@code get_count},
 * {@code multiget_count}, {@code get_range_slices}, {@code get_paged_slice}, {@code get_indexed_slices},
 * {@code batch_mutate}, {@code atomic_batch_mutate}, {@code insert}, {@code remove}, {@code truncate},
 * {@code describe_keyspace}) retry: when Cassandra times out or lacks replicas, or the connection fails, the wrapper
 * closes its connection, connects to the next server and tries again, up to the pool's {@code maxRetries}, then
 * throws {@link MaximumRetryException}. It stays the same object throughout; {@link #server()} tells where it talks
 * to now. Counter mutations ({@code add}, {@code remove_counter}, and {@code batch_mutate} or
 * {@code atomic_batch_mutate} carrying counter columns) are tried once unless the pool allows retrying them, because a
 * retried increment may count twice. Cassandra's answers to bad requests ({@code InvalidRequestException},
 * {@code NotFoundException}, {@code AuthenticationException}, {@code AuthorizationException}) are never retried.
 * All other calls go straight to the connection, as in pycassa. In a pool built with an {@code ObservationRegistry},
 * each call, retries included, is one Micrometer observation
 * ({@link dev.casspool.micrometer.CassandraOperationObservation}).
 *
 * <p>A wrapper is the handle of one check-out. It belongs to one thread at a time; give it back with {@link #close()}
 * (try-with-resources), {@link #returnToPool()} or {@link ConnectionPool#put}. Using it after that throws
 * {@link InvalidPoolRequestException}, and so does putting it back again once another caller has checked the
 * connection out: a handle never works on somebody else's check-out. When the same thread checks the same connection
 * out again, the pool gives it the same object again, which keeps the warm path free of allocation; so a handle that
 * you passed to another thread must not be kept there after {@code put}, as that thread could reach your next
 * check-out of the connection with it. A connection that goes to another thread than last time gets a new handle (one
 * small object).
 */
public final class ConnectionWrapper implements Cassandra.Iface, AutoCloseable {

    private final ConnectionPool pool;
    private final PoolEntry entry;
    private final Failover failover;
    /** The check-out this handle serves; renewed when its thread checks the same connection out again. */
    private long checkout;
    /** The replicas of the row key the current call is about, for its retries; empty when it is about none. */
    private List<Server> route = List.of();

    ConnectionWrapper(ConnectionPool pool, PoolEntry entry, Failover failover) {
        this.pool = pool;
        this.entry = entry;
        this.failover = failover;
        this.checkout = entry.checkout();
    }

    ConnectionPool pool() {
        return pool;
    }

    PoolEntry entry() {
        return entry;
    }

    /** The number of the check-out this handle serves. */
    long checkout() {
        return checkout;
    }

    /** Makes this handle serve check-out number {@code next}, by the thread it was made for. */
    void renew(long next) {
        this.checkout = next;
    }

    /** Sets the replicas of the row key the calls of this check-out are about, or with an empty list, none. */
    void route(List<Server> replicas) {
        this.route = replicas;
    }

    /** Whether the check-out this handle serves is still going on. */
    boolean current() {
        return entry.inUseBy(checkout);
    }

    /** Puts this connection back into its pool; the same as {@code pool.put(this)}. */
    public void returnToPool() {
        pool.put(this);
    }

    /** Puts this connection back into its pool, for try-with-resources; the same as {@link #returnToPool()}. */
    @Override
    public void close() {
        returnToPool();
    }

    /** The server this connection talks to now (after a failover, the new one), as {@code "host:port"}. */
    public String server() {
        return entry.connection().server().address();
    }

    /** How many operations this connection has performed; each attempt of a retried data call counts one. */
    public int operationCount() {
        return entry.operationCount();
    }

    /**
     * Describes a keyspace's column families, retrying like a data call.
     *
     * @param keyspace the keyspace, or null for the pool's
     * @return each column family's definition by name, in Cassandra's order
     */
    public Map<String, CfDef> getKeyspaceDescription(String keyspace) throws TException {
        KsDef definition = describe_keyspace(keyspace == null ? pool.keyspace() : keyspace);
        Map<String, CfDef> byName = new LinkedHashMap<>();
        for (CfDef columnFamily : definition.getCf_defs()) {
            byName.put(columnFamily.getName(), columnFamily);
        }
        return byName;
    }

    @Override
    public String toString() {
        return pool.loggingName() + "#" + entry.id() + "(" + entry.connection() + ")";
    }

    // --- data calls: retried on another server ---

    @Override
    public ColumnOrSuperColumn get(ByteBuffer key, ColumnPath path, ConsistencyLevel level) throws TException {
        return retrying("get", true, client -> client.get(key, path, level));
    }

    @Override
    public List<ColumnOrSuperColumn> get_slice(ByteBuffer key, ColumnParent parent, SlicePredicate predicate,
                                               ConsistencyLevel level) throws TException {
        return retrying("get_slice", true, client -> client.get_slice(key, parent, predicate, level));
    }

    @Override
    public int get_count(ByteBuffer key, ColumnParent parent, SlicePredicate predicate, ConsistencyLevel level)
            throws TException {
        return retrying("get_count", true, client -> client.get_count(key, parent, predicate, level));
    }

    @Override
    public Map<ByteBuffer, List<ColumnOrSuperColumn>> multiget_slice(List<ByteBuffer> keys, ColumnParent parent,
                                                                     SlicePredicate predicate, ConsistencyLevel level)
            throws TException {
        return retrying("multiget_slice", true, client -> client.multiget_slice(keys, parent, predicate, level));
    }

    @Override
    public Map<ByteBuffer, Integer> multiget_count(List<ByteBuffer> keys, ColumnParent parent,
                                                   SlicePredicate predicate, ConsistencyLevel level)
            throws TException {
        return retrying("multiget_count", true, client -> client.multiget_count(keys, parent, predicate, level));
    }

    @Override
    public List<KeySlice> get_range_slices(ColumnParent parent, SlicePredicate predicate, KeyRange range,
                                           ConsistencyLevel level) throws TException {
        return retrying("get_range_slices", true, client -> client.get_range_slices(parent, predicate, range, level));
    }

    @Override
    public List<KeySlice> get_paged_slice(String columnFamily, KeyRange range, ByteBuffer startColumn,
                                          ConsistencyLevel level) throws TException {
        return retrying("get_paged_slice", true,
                client -> client.get_paged_slice(columnFamily, range, startColumn, level));
    }

    @Override
    public List<KeySlice> get_indexed_slices(ColumnParent parent, IndexClause clause, SlicePredicate predicate,
                                             ConsistencyLevel level) throws TException {
        return retrying("get_indexed_slices", true,
                client -> client.get_indexed_slices(parent, clause, predicate, level));
    }

    @Override
    public void insert(ByteBuffer key, ColumnParent parent, Column column, ConsistencyLevel level)
            throws TException {
        retrying("insert", true, client -> {
            client.insert(key, parent, column, level);
            return null;
        });
    }

    @Override
    public void remove(ByteBuffer key, ColumnPath path, long timestamp, ConsistencyLevel level) throws TException {
        retrying("remove", true, client -> {
            client.remove(key, path, timestamp, level);
            return null;
        });
    }

    @Override
    public void batch_mutate(Map<ByteBuffer, Map<String, List<Mutation>>> mutations, ConsistencyLevel level)
            throws TException {
        retrying("batch_mutate", failover.mayRetry(mutations), client -> {
            client.batch_mutate(mutations, level);
            return null;
        });
    }

    @Override
    public void atomic_batch_mutate(Map<ByteBuffer, Map<String, List<Mutation>>> mutations, ConsistencyLevel level)
            throws TException {
        retrying("atomic_batch_mutate", failover.mayRetry(mutations), client -> {
            client.atomic_batch_mutate(mutations, level);
            return null;
        });
    }

    @Override
    public void truncate(String columnFamily) throws TException {
        retrying("truncate", true, client -> {
            client.truncate(columnFamily);
            return null;
        });
    }

    @Override
    public KsDef describe_keyspace(String keyspace) throws TException {
        return retrying("describe_keyspace", true, client -> client.describe_keyspace(keyspace));
    }

    // --- counter mutations: retried only when the pool allows it ---

    @Override
    public void add(ByteBuffer key, ColumnParent parent, CounterColumn column, ConsistencyLevel level)
            throws TException {
        retrying("add", failover.retriesCounterMutations(), client -> {
            client.add(key, parent, column, level);
            return null;
        });
    }

    @Override
    public void remove_counter(ByteBuffer key, ColumnPath path, ConsistencyLevel level) throws TException {
        retrying("remove_counter", failover.retriesCounterMutations(), client -> {
            client.remove_counter(key, path, level);
            return null;
        });
    }

    // --- everything else: straight to the connection ---

    @Override
    public void login(AuthenticationRequest request) throws TException {
        direct("login", client -> {
            client.login(request);
            return null;
        });
        // A connection logged in as someone else must not serve the pool's next caller.
        entry.connection().markChangedByCaller(null);
    }

    @Override
    public void set_keyspace(String keyspace) throws TException {
        direct("set_keyspace", client -> {
            client.set_keyspace(keyspace);
            return null;
        });
        entry.connection().markChangedByCaller(keyspace);
    }

    @Override
    public CASResult cas(ByteBuffer key, String columnFamily, List<Column> expected, List<Column> updates,
                         ConsistencyLevel serialLevel, ConsistencyLevel commitLevel) throws TException {
        return direct("cas", client -> client.cas(key, columnFamily, expected, updates, serialLevel, commitLevel));
    }

    @Override
    public List<ColumnOrSuperColumn> get_multi_slice(MultiSliceRequest request) throws TException {
        return direct("get_multi_slice", client -> client.get_multi_slice(request));
    }

    @Override
    public Map<String, List<String>> describe_schema_versions() throws TException {
        return direct("describe_schema_versions", Cassandra.Iface::describe_schema_versions);
    }

    @Override
    public List<KsDef> describe_keyspaces() throws TException {
        return direct("describe_keyspaces", Cassandra.Iface::describe_keyspaces);
    }

    @Override
    public String describe_cluster_name() throws TException {
        return direct("describe_cluster_name", Cassandra.Iface::describe_cluster_name);
    }

    @Override
    public String describe_version() throws TException {
        return direct("describe_version", Cassandra.Iface::describe_version);
    }

    @Override
    public List<TokenRange> describe_ring(String keyspace) throws TException {
        return direct("describe_ring", client -> client.describe_ring(keyspace));
    }

    @Override
    public List<TokenRange> describe_local_ring(String keyspace) throws TException {
        return direct("describe_local_ring", client -> client.describe_local_ring(keyspace));
    }

    @Override
    public Map<String, String> describe_token_map() throws TException {
        return direct("describe_token_map", Cassandra.Iface::describe_token_map);
    }

    @Override
    public String describe_partitioner() throws TException {
        return direct("describe_partitioner", Cassandra.Iface::describe_partitioner);
    }

    @Override
    public String describe_snitch() throws TException {
        return direct("describe_snitch", Cassandra.Iface::describe_snitch);
    }

    @Override
    public List<String> describe_splits(String columnFamily, String startToken, String endToken, int keysPerSplit)
            throws TException {
        return direct("describe_splits",
                client -> client.describe_splits(columnFamily, startToken, endToken, keysPerSplit));
    }

    @Override
    public ByteBuffer trace_next_query() throws TException {
        return direct("trace_next_query", Cassandra.Iface::trace_next_query);
    }

    @Override
    public List<CfSplit> describe_splits_ex(String columnFamily, String startToken, String endToken,
                                            int keysPerSplit) throws TException {
        return direct("describe_splits_ex",
                client -> client.describe_splits_ex(columnFamily, startToken, endToken, keysPerSplit));
    }

    @Override
    public String system_add_column_family(CfDef definition) throws TException {
        return direct("system_add_column_family", client -> client.system_add_column_family(definition));
    }

    @Override
    public String system_drop_column_family(String columnFamily) throws TException {
        return direct("system_drop_column_family", client -> client.system_drop_column_family(columnFamily));
    }

    @Override
    public String system_add_keyspace(KsDef definition) throws TException {
        return direct("system_add_keyspace", client -> client.system_add_keyspace(definition));
    }

    @Override
    public String system_drop_keyspace(String keyspace) throws TException {
        return direct("system_drop_keyspace", client -> client.system_drop_keyspace(keyspace));
    }

    @Override
    public String system_update_keyspace(KsDef definition) throws TException {
        return direct("system_update_keyspace", client -> client.system_update_keyspace(definition));
    }

    @Override
    public String system_update_column_family(CfDef definition) throws TException {
        return direct("system_update_column_family", client -> client.system_update_column_family(definition));
    }

    @Override
    public CqlResult execute_cql_query(ByteBuffer query, Compression compression) throws TException {
        return direct("execute_cql_query", client -> client.execute_cql_query(query, compression));
    }

    @Override
    public CqlResult execute_cql3_query(ByteBuffer query, Compression compression, ConsistencyLevel level)
            throws TException {
        return direct("execute_cql3_query", client -> client.execute_cql3_query(query, compression, level));
    }

    @Override
    public CqlPreparedResult prepare_cql_query(ByteBuffer query, Compression compression) throws TException {
        return direct("prepare_cql_query", client -> client.prepare_cql_query(query, compression));
    }

    @Override
    public CqlPreparedResult prepare_cql3_query(ByteBuffer query, Compression compression) throws TException {
        return direct("prepare_cql3_query", client -> client.prepare_cql3_query(query, compression));
    }

    @Override
    public CqlResult execute_prepared_cql_query(int itemId, List<ByteBuffer> values) throws TException {
        return direct("execute_prepared_cql_query", client -> client.execute_prepared_cql_query(itemId, values));
    }

    @Override
    public CqlResult execute_prepared_cql3_query(int itemId, List<ByteBuffer> values, ConsistencyLevel level)
            throws TException {
        return direct("execute_prepared_cql3_query",
                client -> client.execute_prepared_cql3_query(itemId, values, level));
    }

    @Override
    public void set_cql_version(String version) throws TException {
        direct("set_cql_version", client -> {
            client.set_cql_version(version);
            return null;
        });
    }

    // --- the machinery ---

    /**
     * Runs Thrift method {@code method} as {@code call}, and on a retryable failure leaves it to the pool's
     * {@link Failover} to report it, close the connection and give a new one on the next server for another try,
     * until it succeeds or the retries are spent (pycassa's {@code _retry}). The pool's observer sees the call and
     * each retry.
     */
    private <T> T retrying(String method, boolean retriesAllowed, ThriftCall<T> call) throws TException {
        Connection connection = liveConnection();
        OperationObserver.Operation operation = pool.operations().start(method, connection.server());
        Throwable failure = null;
        try {
            for (int attempt = 1; ; attempt++) {
                entry.countOperation();
                try {
                    return call.call(connection.client());
                } catch (TException e) {
                    if (!Failures.isRetryable(e)) {
                        failover.failed(this, connection, e);
                        throw e;
                    }
                    Connection failed = connection;
                    connection = failover.retry(this, entry, connection, e, attempt, retriesAllowed, route);
                    operation.retried(failed.server(), connection.server(), e);
                } catch (RuntimeException | Error e) {
                    connection.markBroken();
                    throw e;
                }
            }
        } catch (Throwable e) {
            failure = e;
            throw e;
        } finally {
            operation.stop(entry.connection().server(), failure);
        }
    }

    /**
     * Runs Thrift method {@code method} as {@code call} once, seen by the pool's observer; a failure that leaves the
     * connection unusable is reported and closes it.
     */
    private <T> T direct(String method, ThriftCall<T> call) throws TException {
        Connection connection = liveConnection();
        OperationObserver.Operation operation = pool.operations().start(method, connection.server());
        Throwable failure = null;
        try {
            return call.call(connection.client());
        } catch (TException e) {
            failure = e;
            failover.failed(this, connection, e);
            throw e;
        } catch (RuntimeException | Error e) {
            failure = e;
            connection.markBroken();
            throw e;
        } finally {
            operation.stop(connection.server(), failure);
        }
    }

    /** The open connection to use, after a reconnect if a failure closed the last one. */
    private Connection liveConnection() {
        if (!current()) {
            throw new InvalidPoolRequestException(this + " is not checked out of pool " + pool.loggingName()
                    + ": it was put back (or closed by the pool); get() a connection before using it");
        }
        return failover.liveConnection(entry, route);
    }
}
