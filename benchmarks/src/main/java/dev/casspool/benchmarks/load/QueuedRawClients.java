package dev.casspool.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import org.apache.cassandra.thrift.Cassandra;
import org.apache.thrift.TException;

/**
 * The least a pool can be: T raw clients in a fair {@link ArrayBlockingQueue}, taken and put back around each request.
 * The baseline for more threads than connections (virtual threads), where raw clients cannot be given one per thread;
 * it shows what waiting for a connection costs before any pool's own work.
 */
final class QueuedRawClients implements Contender {

    private final RawClients clients;
    private final ArrayBlockingQueue<Cassandra.Client> idle;

    /** Opens {@code connections} raw clients, set to the target's keyspace. */
    QueuedRawClients(LoadTarget target, int connections, Duration timeout) throws TException {
        clients = new RawClients(target, connections, timeout);
        idle = new ArrayBlockingQueue<>(connections, true);
        for (int i = 0; i < connections; i++) {
            idle.add(clients.client(i));
        }
    }

    @Override
    public String name() {
        return "raw-queue";
    }

    @Override
    public Step step(int index, ThriftOperation operation) {
        return () -> {
            Cassandra.Client client;
            try {
                client = idle.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TException("interrupted while waiting for a client", e);
            }
            try {
                operation.nextKey();
                operation.run(client);
            } finally {
                idle.add(client);
            }
        };
    }

    @Override
    public void close() {
        clients.close();
    }
}
