package dev.casspool.embedded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.cassandra.thrift.Cassandra;
import org.apache.cassandra.thrift.Column;
import org.apache.cassandra.thrift.ColumnParent;
import org.apache.cassandra.thrift.ColumnPath;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.thrift.TException;

/** Writes and reads single string columns of column family {@code Standard1} with a raw Thrift client. */
final class Rows {

    static final String COLUMN_FAMILY = "Standard1";

    private Rows() {
    }

    static void insert(Cassandra.Client client, String key, String column, String value, ConsistencyLevel level)
            throws TException {
        client.insert(bytes(key), new ColumnParent(COLUMN_FAMILY),
                new Column(bytes(column)).setValue(bytes(value)).setTimestamp(System.currentTimeMillis() * 1000),
                level);
    }

    static String get(Cassandra.Client client, String key, String column, ConsistencyLevel level) throws TException {
        ByteBuffer value = client.get(bytes(key), new ColumnPath(COLUMN_FAMILY).setColumn(bytes(column)), level)
                .getColumn().bufferForValue();
        return StandardCharsets.UTF_8.decode(value).toString();
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
