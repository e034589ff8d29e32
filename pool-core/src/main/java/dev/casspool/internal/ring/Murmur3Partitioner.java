package dev.casspool.internal.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Cassandra's {@code Murmur3Partitioner}: the token of a key is the first half of its 128-bit MurmurHash3 (x64, seed
 * 0), as Cassandra 3.11 computes it in {@code utils/MurmurHash.hash3_x64_128}, including its quirk: the tail bytes
 * (the last {@code length % 16}) are sign-extended, so a tail byte of 0x80 or more gives another hash than a textbook
 * MurmurHash3. The empty key has the minimum token {@link Long#MIN_VALUE}, which no other key gets: a hash of
 * {@code Long.MIN_VALUE} becomes {@link Long#MAX_VALUE}.
 */
public final class Murmur3Partitioner extends Partitioner {

    /** The server-side class name. */
    public static final String CLASS_NAME = "org.apache.cassandra.dht.Murmur3Partitioner";

    static final Murmur3Partitioner INSTANCE = new Murmur3Partitioner();

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    /** Reads 8 bytes at any index as a little-endian long, whatever the buffer's own byte order, without copying. */
    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Murmur3Partitioner() {
    }

    /**
     * The token of a row key: its remaining bytes, read without moving its position and without allocating.
     *
     * @param key the raw row key bytes, as a Thrift call carries them
     */
    public static long token(ByteBuffer key) {
        int offset = key.position();
        int length = key.remaining();
        if (length == 0) {
            return Long.MIN_VALUE;
        }
        long h1 = 0;
        long h2 = 0;
        int blocks = length >>> 4;
        for (int i = 0; i < blocks; i++) {
            int block = offset + (i << 4);
            long k1 = (long) LITTLE_ENDIAN_LONG.get(key, block);
            long k2 = (long) LITTLE_ENDIAN_LONG.get(key, block + 8);

            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;

            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }

        // The tail, with Cassandra's sign extension: (long) of a byte, no & 0xff.
        int tail = offset + (blocks << 4);
        int remainder = length & 15;
        long k1 = 0;
        long k2 = 0;
        for (int i = remainder - 1; i >= 8; i--) {
            k2 ^= ((long) key.get(tail + i)) << ((i - 8) << 3);
        }
        if (remainder > 8) {
            h2 ^= mixK2(k2);
        }
        for (int i = Math.min(remainder, 8) - 1; i >= 0; i--) {
            k1 ^= ((long) key.get(tail + i)) << (i << 3);
        }
        if (remainder > 0) {
            h1 ^= mixK1(k1);
        }

        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        return h1 == Long.MIN_VALUE ? Long.MAX_VALUE : h1;
    }

    private static long mixK1(long k1) {
        return Long.rotateLeft(k1 * C1, 31) * C2;
    }

    private static long mixK2(long k2) {
        return Long.rotateLeft(k2 * C2, 33) * C1;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    @Override
    public String className() {
        return CLASS_NAME;
    }

    @Override
    public String tokenText(ByteBuffer key) {
        return Long.toString(token(key));
    }

    @Override
    SortedTokens sort(List<String> tokens) {
        long[] parsed = tokens.stream().mapToLong(Long::parseLong).toArray();
        int[] order = SortedTokens.ascendingOrder(parsed.length, Comparator.comparingLong(i -> parsed[i]));
        return new Murmur3Tokens(order, Arrays.stream(order).mapToLong(i -> parsed[i]).toArray());
    }

    /** Ascending end tokens as primitive longs: the search allocates nothing. */
    private static final class Murmur3Tokens extends SortedTokens {

        private final long[] ends;

        Murmur3Tokens(int[] order, long[] ends) {
            super(order);
            this.ends = ends;
        }

        @Override
        int rangeOf(ByteBuffer key) {
            return rangeFor(Arrays.binarySearch(ends, token(key)), ends.length);
        }
    }
}
