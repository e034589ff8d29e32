package dev.casspool.benchmarks.inert;

import dev.casspool.ConnectionPool;
import dev.casspool.SocketFactory;
import org.apache.cassandra.thrift.Cassandra;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.layered.TFramedTransport;

/**
 * Thrift clients that need no network, for every pool in the microbenchmarks: casspool opens its connections through
 * {@link #SOCKET_FACTORY} ({@link #poolBuilder()}); the other pools hold {@link #openClient()}'s clients, which are
 * built the way casspool builds its own (framed transport, binary protocol, {@code set_keyspace}) over the same
 * {@link CannedReplySocket}.
 */
public final class InertThrift {

    /** The keyspace every inert connection is set to. */
    public static final String KEYSPACE = "Benchmark";

    /** A nominal server address; nothing connects to it. */
    public static final String SERVER = "127.0.0.1:9160";

    /** Hands casspool a {@link CannedReplySocket} instead of a TCP socket. */
    public static final SocketFactory SOCKET_FACTORY = (host, port, timeout) -> new CannedReplySocket();

    private InertThrift() {
    }

    /** A casspool builder whose connections are inert: keyspace, server and socket factory are set. */
    public static ConnectionPool.Builder poolBuilder() {
        return ConnectionPool.builder()
                .keyspace(KEYSPACE)
                .serverList(SERVER)
                .socketFactory(SOCKET_FACTORY);
    }

    /** Opens a client as casspool opens a connection: open the framed transport, then {@code set_keyspace}. */
    public static Cassandra.Client openClient() throws TException {
        TTransport transport = new TFramedTransport(new CannedReplySocket());
        transport.open();
        Cassandra.Client client = new Cassandra.Client(new TBinaryProtocol(transport));
        client.set_keyspace(KEYSPACE);
        return client;
    }

    /** Closes a client from {@link #openClient()}. */
    public static void close(Cassandra.Client client) {
        client.getOutputProtocol().getTransport().close();
    }
}
