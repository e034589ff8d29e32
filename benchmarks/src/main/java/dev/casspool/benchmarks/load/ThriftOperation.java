package dev.casspool.benchmarks.load;

import org.apache.cassandra.thrift.Cassandra;
import org.apache.thrift.TException;

/** One request of the workload, made on whatever client a side gives it: a raw client or a pooled one. */
@FunctionalInterface
interface ThriftOperation {

    /** Makes the request on {@code client}. */
    void run(Cassandra.Iface client) throws TException;
}
