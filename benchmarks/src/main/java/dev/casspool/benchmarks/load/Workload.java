package dev.casspool.benchmarks.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.cassandra.thrift.Cassandra;
import org.apache.cassandra.thrift.Column;
import org.apache.cassandra.thrift.ColumnParent;
import org.apache.cassandra.thrift.ColumnPath;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.thrift.TException;

/** What every load thread does, on both sides alike. */
enum Workload {

    /** Reads one hot column, which {@link #prepare} wrote: served from Cassandra's memtable. */
    GET {
        @Override
        ThriftOperation operation() {
            ByteBuffer key = HOT_KEY.duplicate();
            ColumnPath path = new ColumnPath(COLUMN_FAMILY).setColumn(HOT_COLUMN.duplicate());
            return client -> client.get(key, path, ConsistencyLevel.ONE);
        }
    },
    /** Reads one column of a random row of {@link RingKeys}, which {@link RingKeys#write} wrote first. */
    RING_GET {
        @Override
        ThriftOperation operation() {
            ColumnPath path = new ColumnPath(COLUMN_FAMILY).setColumn(HOT_COLUMN.duplicate());
            return new KeyedOperation() {
                @Override
                public void run(Cassandra.Iface client) throws TException {
                    client.get(key(), path, ConsistencyLevel.ONE);
                }
            };
        }
    },
    /** Writes one column of a random row of {@link RingKeys}. */
    RING_INSERT {
        @Override
        ThriftOperation operation() {
            ColumnParent parent = new ColumnParent(COLUMN_FAMILY);
            return new KeyedOperation() {
                @Override
                public void run(Cassandra.Iface client) throws TException {
                    client.insert(key(), parent, column(), ConsistencyLevel.ONE);
                }
            };
        }
    },
    /** Writes one column under a new random key. */
    INSERT {
        @Override
        ThriftOperation operation() {
            ColumnParent parent = new ColumnParent(COLUMN_FAMILY);
            return client -> client.insert(randomKey(), parent, new Column(HOT_COLUMN.duplicate())
                    .setValue(VALUE.duplicate())
                    .setTimestamp(System.currentTimeMillis() * 1000), ConsistencyLevel.ONE);
        }
    };

    /** The column family both workloads use; the keyspace must have it. */
    static final String COLUMN_FAMILY = "Standard1";

    private static final ByteBuffer HOT_KEY = bytes("hot-key");
    private static final ByteBuffer HOT_COLUMN = bytes("col");
    private static final ByteBuffer VALUE = bytes("value-of-sixteen");

    /** Writes the hot column, so that {@link #GET} finds it; {@code client} must be set to the keyspace. */
    static void prepare(Cassandra.Iface client) throws TException {
        client.insert(HOT_KEY.duplicate(), new ColumnParent(COLUMN_FAMILY), new Column(HOT_COLUMN.duplicate())
                .setValue(VALUE.duplicate())
                .setTimestamp(System.currentTimeMillis() * 1000), ConsistencyLevel.ONE);
    }

    /** A fresh operation for one thread (its buffers are its own). */
    abstract ThriftOperation operation();

    /** The workload that does the same about the rows of {@link RingKeys}, for the ring comparison. */
    Workload onRingKeys() {
        return switch (this) {
            case GET, RING_GET -> RING_GET;
            case INSERT, RING_INSERT -> RING_INSERT;
        };
    }

    /** The column every workload writes, with a fresh timestamp. */
    static Column column() {
        return new Column(HOT_COLUMN.duplicate()).setValue(VALUE.duplicate())
                .setTimestamp(System.currentTimeMillis() * 1000);
    }

    /** An operation about a random row of {@link RingKeys}, chosen by {@link #nextKey()}. */
    private abstract static class KeyedOperation implements ThriftOperation {

        private ByteBuffer key;

        @Override
        public ByteBuffer nextKey() {
            key = RingKeys.random();
            return key;
        }

        ByteBuffer key() {
            return key;
        }
    }

    private static ByteBuffer randomKey() {
        return ByteBuffer.wrap(Long.toHexString(ThreadLocalRandom.current().nextLong()).getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer bytes(String text) {
        // Not read-only: Thrift writes a buffer's backing array. Each thread writes a duplicate.
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
