package dev.casspool.benchmarks.load;

import java.nio.ByteBuffer;
import org.apache.cassandra.thrift.Cassandra;
import org.apache.thrift.TException;

/**
 * One request of the workload, made on whatever client a side gives it: a raw client or a pooled one. An operation
 * belongs to one load thread; a request about a row key is chosen with {@link #nextKey()} first, so that a pool side
 * can route it.
 */
interface ThriftOperation {

    /** Chooses the row key of the next request and returns it, or null when the requests are not routed by key. */
    default ByteBuffer nextKey() {
        return null;
    }

    /** Makes the request on {@code client} (about the key {@link #nextKey()} chose last, if any). */
    void run(Cassandra.Iface client) throws TException;
}
