package dev.casspool.internal.ring;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * How a ring turns a row key into a token, exactly as the server does, for the partitioners a Thrift client can route
 * by: {@link Murmur3Partitioner} and {@link RandomPartitioner}. The ring names its partitioner through
 * {@code describe_partitioner()}; never assume one (a Murmur3 ring routed as a Random one sends every key to one
 * range, as Astyanax did).
 */
public abstract sealed class Partitioner permits Murmur3Partitioner, RandomPartitioner {

    Partitioner() {
    }

    /**
     * The partitioner whose server-side class {@code describe_partitioner()} names.
     *
     * @param className for example {@code org.apache.cassandra.dht.Murmur3Partitioner}
     * @return the partitioner, or empty when routing by token is not supported for that class (the caller then routes
     *     round robin)
     */
    public static Optional<Partitioner> forClassName(String className) {
        if (Murmur3Partitioner.CLASS_NAME.equals(className)) {
            return Optional.of(Murmur3Partitioner.INSTANCE);
        }
        if (RandomPartitioner.CLASS_NAME.equals(className)) {
            return Optional.of(RandomPartitioner.INSTANCE);
        }
        return Optional.empty();
    }

    /** The server-side class name, as {@code describe_partitioner()} returns it. */
    public abstract String className();

    /**
     * The token of a row key in the server's decimal notation (that of {@code describe_ring} and of CQL's
     * {@code token()}). Reads the key's remaining bytes without moving its position.
     */
    public abstract String tokenText(ByteBuffer key);

    /** Parses and sorts the end tokens of a ring's ranges, given in the server's decimal notation. */
    abstract SortedTokens sort(List<String> tokens);

    @Override
    public String toString() {
        return className();
    }
}
