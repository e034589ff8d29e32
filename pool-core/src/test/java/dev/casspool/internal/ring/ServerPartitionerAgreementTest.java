package dev.casspool.internal.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The client's tokens against the server's own partitioner classes (cassandra-all 3.11.19, in an isolated class
 * loader), for random keys of 1 to 40 bytes, high bytes included. Each key is handed to the client's code inside a
 * larger buffer, at a random position, to check that only its remaining bytes count.
 */
class ServerPartitionerAgreementTest {

    private static final long SEED = 20261130L;

    @Test
    void murmur3AgreesWithTheServerOn100000RandomKeys() throws Exception {
        try (ServerPartitioner server = ServerPartitioner.load(Murmur3Partitioner.CLASS_NAME)) {
            assertAgreement(server, Murmur3Partitioner.INSTANCE, 100_000);
        }
    }

    @Test
    void randomPartitionerAgreesWithTheServerOn5000RandomKeys() throws Exception {
        try (ServerPartitioner server = ServerPartitioner.load(RandomPartitioner.CLASS_NAME)) {
            assertAgreement(server, RandomPartitioner.INSTANCE, 5_000);
        }
    }

    private static void assertAgreement(ServerPartitioner server, Partitioner client, int keys) throws Exception {
        Random random = new Random(SEED);
        assertThat(client.tokenText(ByteBuffer.allocate(0))).isEqualTo(server.token(ByteBuffer.allocate(0)));
        for (int i = 0; i < keys; i++) {
            byte[] key = new byte[1 + random.nextInt(40)];
            random.nextBytes(key);
            int offset = random.nextInt(8);
            byte[] padded = new byte[offset + key.length + random.nextInt(8)];
            random.nextBytes(padded);
            System.arraycopy(key, 0, padded, offset, key.length);

            String expected = server.token(ByteBuffer.wrap(key));
            assertThat(client.tokenText(ByteBuffer.wrap(padded, offset, key.length)))
                    .as("token of key %s (seed %d, key %d)", HexFormat.of().formatHex(key), SEED, i)
                    .isEqualTo(expected);
        }
    }
}
