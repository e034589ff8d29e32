package dev.casspool.internal.ring;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Cassandra's {@code RandomPartitioner}: the token of a key is the absolute value of its MD5 digest read as a signed
 * 128-bit number, so tokens run from 0 to 2<sup>127</sup>. The empty key has the minimum token -1.
 */
public final class RandomPartitioner extends Partitioner {

    /** The server-side class name. */
    public static final String CLASS_NAME = "org.apache.cassandra.dht.RandomPartitioner";

    static final RandomPartitioner INSTANCE = new RandomPartitioner();

    private static final BigInteger MINIMUM = BigInteger.ONE.negate();

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide MD5", e);
        }
    });

    private RandomPartitioner() {
    }

    /**
     * The token of a row key: its remaining bytes, read without moving its position.
     *
     * @param key the raw row key bytes, as a Thrift call carries them
     */
    public static BigInteger token(ByteBuffer key) {
        if (!key.hasRemaining()) {
            return MINIMUM;
        }
        MessageDigest md5 = MD5.get();
        md5.update(key.duplicate());
        return new BigInteger(md5.digest()).abs();
    }

    @Override
    public String className() {
        return CLASS_NAME;
    }

    @Override
    public String tokenText(ByteBuffer key) {
        return token(key).toString();
    }

    @Override
    SortedTokens sort(List<String> tokens) {
        BigInteger[] parsed = tokens.stream().map(BigInteger::new).toArray(BigInteger[]::new);
        int[] order = SortedTokens.ascendingOrder(parsed.length, Comparator.comparing(i -> parsed[i]));
        return new RandomTokens(order, Arrays.stream(order).mapToObj(i -> parsed[i]).toArray(BigInteger[]::new));
    }

    /** Ascending end tokens. */
    private static final class RandomTokens extends SortedTokens {

        private final BigInteger[] ends;

        RandomTokens(int[] order, BigInteger[] ends) {
            super(order);
            this.ends = ends;
        }

        @Override
        int rangeOf(ByteBuffer key) {
            return rangeFor(Arrays.binarySearch(ends, token(key)), ends.length);
        }
    }
}
