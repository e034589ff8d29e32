package dev.casspool.internal.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Test vectors computed with cassandra-all 3.11.19's own Murmur3Partitioner (see cassandra-ring-over-thrift.md). */
class Murmur3PartitionerTest {

    @ParameterizedTest
    @CsvSource({
            "61, -8839064797231613815",
            "6b6579, -6847573755651342660",
            "68656c6c6f, -3758069500696749310",
            "30313233343536373839616263646566, 5467490433528156583",
            "fffe80, 7236304163770186844",
            "deadbeef80ff010203, 4381437368466167380"})
    void computesTheServersTokens(String keyHex, long token) {
        assertThat(Murmur3Partitioner.token(ByteBuffer.wrap(HexFormat.of().parseHex(keyHex)))).isEqualTo(token);
    }

    @Test
    void signExtendsTailBytesAsTheServerDoes() {
        // A textbook MurmurHash3 gives -2638717402482317734 for these bytes.
        assertThat(Murmur3Partitioner.token(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0x80})))
                .isEqualTo(7236304163770186844L);
    }

    @Test
    void theEmptyKeyHasTheMinimumToken() {
        assertThat(Murmur3Partitioner.token(ByteBuffer.allocate(0))).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void hashesTheRemainingBytesWithoutMovingThePosition() {
        byte[] key = HexFormat.of().parseHex("30313233343536373839616263646566deadbeef80ff010203");
        byte[] padded = new byte[key.length + 7];
        System.arraycopy(key, 0, padded, 3, key.length);
        ByteBuffer buffer = ByteBuffer.wrap(padded, 3, key.length);
        long expected = Murmur3Partitioner.token(ByteBuffer.wrap(key));

        assertThat(Murmur3Partitioner.token(buffer)).isEqualTo(expected);
        assertThat(buffer.position()).isEqualTo(3);
        assertThat(buffer.limit()).isEqualTo(3 + key.length);
        assertThat(Murmur3Partitioner.token(buffer.slice())).isEqualTo(expected);
        assertThat(Murmur3Partitioner.token(buffer.asReadOnlyBuffer())).isEqualTo(expected);
        assertThat(Murmur3Partitioner.token(buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN))).isEqualTo(expected);
        ByteBuffer direct = ByteBuffer.allocateDirect(padded.length).put(padded).position(3).limit(3 + key.length);
        assertThat(Murmur3Partitioner.token(direct)).isEqualTo(expected);
        assertThat(direct.position()).isEqualTo(3);
    }

    @Test
    void printsTokensAsTheServerDoes() {
        assertThat(Murmur3Partitioner.INSTANCE.tokenText(ByteBuffer.wrap(new byte[] {0x61})))
                .isEqualTo("-8839064797231613815");
    }

    @Test
    void isChosenByItsServerClassNameOnly() {
        assertThat(Partitioner.forClassName("org.apache.cassandra.dht.Murmur3Partitioner"))
                .containsSame(Murmur3Partitioner.INSTANCE);
        assertThat(Partitioner.forClassName("org.apache.cassandra.dht.RandomPartitioner"))
                .containsSame(RandomPartitioner.INSTANCE);
        assertThat(Partitioner.forClassName("org.apache.cassandra.dht.ByteOrderedPartitioner")).isEmpty();
        assertThat(Partitioner.forClassName("Murmur3Partitioner")).isEmpty();
        assertThat(Partitioner.forClassName(null)).isEmpty();
    }
}
