package dev.casspool.internal.ring;

import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The end tokens of a ring's ranges in ascending order, as one partitioner parses them, and the search for the range
 * that holds a key. Ranges are {@code (start, end]}: a key belongs to the range with the smallest end token at or
 * above its own, and a token above every end belongs to the first range, which wraps around the ring.
 */
abstract class SortedTokens {

    private final int[] order;

    /** @param order for each position in ascending order, the index of that token in the list that was sorted */
    SortedTokens(int[] order) {
        this.order = order;
    }

    /** For each position in ascending order, the index of that token in the list that was sorted. */
    final int[] order() {
        return order.clone();
    }

    /**
     * The position (in ascending order) of the range that holds the key's token. Reads the key's remaining bytes
     * without moving its position.
     */
    abstract int rangeOf(ByteBuffer key);

    /** The indexes {@code 0 .. count-1} sorted by the tokens they stand for. */
    static int[] ascendingOrder(int count, Comparator<Integer> byToken) {
        return IntStream.range(0, count).boxed().sorted(byToken).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The range of a token from a binary search of the ascending end tokens: the range of the smallest end at or above
     * the token, or the first (wrapping) range when the token is above every end.
     */
    static int rangeFor(int binarySearchResult, int count) {
        int ceiling = binarySearchResult >= 0 ? binarySearchResult : -binarySearchResult - 1;
        return ceiling == count ? 0 : ceiling;
    }
}
