package dev.casspool.benchmarks.load;

import dev.casspool.embedded.ThriftConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.cassandra.thrift.Cassandra;
import org.apache.thrift.TException;

/**
 * The baseline: every load thread owns one raw {@code Cassandra.Client} over {@code TFramedTransport(TSocket)} and the
 * binary protocol, set to the keyspace once. No pool can beat this; it is the physical limit of a Thrift client.
 */
final class RawClients implements Contender {

    private final List<ThriftConnection> connections = new ArrayList<>();

    /** Opens one connection per thread, each set to the target's keyspace. */
    RawClients(LoadTarget target, int threads, Duration timeout) throws TException {
        try {
            for (int i = 0; i < threads; i++) {
                connections.add(ThriftConnection.open(target.host(), target.port(), timeout));
                connections.get(i).useKeyspace(target.keyspace());
            }
        } catch (TException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public Step step(int index, ThriftOperation operation) {
        Cassandra.Client client = client(index);
        return () -> {
            operation.nextKey();
            operation.run(client);
        };
    }

    /** The raw client of load thread {@code index}. */
    Cassandra.Client client(int index) {
        return connections.get(index).client();
    }

    @Override
    public void close() {
        connections.forEach(ThriftConnection::close);
    }
}
