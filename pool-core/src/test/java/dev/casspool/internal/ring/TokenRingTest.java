package dev.casspool.internal.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.cassandra.thrift.EndpointDetails;
import org.apache.cassandra.thrift.TokenRange;
import org.junit.jupiter.api.Test;

/** Lookups on rings built by hand, with keys whose tokens fall on and around the range boundaries. */
class TokenRingTest {

    /** Tokens of these keys, in ascending order: a -8839064797231613815, key -6847573755651342660, ... */
    private static final ByteBuffer A = key("a");
    private static final ByteBuffer KEY = key("key");
    private static final ByteBuffer HELLO = key("hello");

    @Test
    void findsTheRangeWhoseEndIsTheFirstAtOrAboveTheKeysToken() {
        long a = Murmur3Partitioner.token(A);
        long key = Murmur3Partitioner.token(KEY);
        long hello = Murmur3Partitioner.token(HELLO);
        // Ranges (hello, a] (wrapping), (a, key], (key, hello], listed out of order as describe_ring does.
        TokenRing<String> ring = ring(range(key, hello, "n3", "n1"), range(hello, a, "n1", "n2"),
                range(a, key, "n2", "n3"));

        assertThat(ring.replicas(A)).as("the token equal to an end belongs to that range").containsExactly("n1", "n2");
        assertThat(ring.replicas(KEY)).containsExactly("n2", "n3");
        assertThat(ring.replicas(HELLO)).containsExactly("n3", "n1");
        assertThat(ring.replicas(key("0123456789abcdef"))).as("above the last end: wraps to (hello, a]")
                .containsExactly("n1", "n2");
        assertThat(ring.replicas(ByteBuffer.allocate(0))).as("the minimum token wraps too").containsExactly("n1", "n2");
        assertThat(ring.rangeCount()).isEqualTo(3);
        assertThat(ring.partitioner()).isSameAs(Murmur3Partitioner.INSTANCE);
    }

    @Test
    void keyTokensJustAroundAnEndFallOnEitherSide() {
        long key = Murmur3Partitioner.token(KEY);
        long low = Long.MIN_VALUE + 1;

        assertThat(ring(range(key - 1, low, "wrap"), range(low, key - 1, "low")).replicas(KEY))
                .containsExactly("wrap");
        assertThat(ring(range(key, low, "wrap"), range(low, key, "low")).replicas(KEY)).containsExactly("low");
        assertThat(ring(range(key + 1, low, "wrap"), range(low, key + 1, "low")).replicas(KEY))
                .containsExactly("low");
    }

    @Test
    void aSingleTokenRingHasOneRangeHoldingEverything() {
        TokenRing<String> ring = ring(range(42, 42, "only"));

        assertThat(ring.replicas(A)).containsExactly("only");
        assertThat(ring.replicas(HELLO)).containsExactly("only");
    }

    @Test
    void readsTheKeyWithoutMovingItsPosition() {
        TokenRing<String> ring = ring(range(7, 7, "only"));
        ByteBuffer key = ByteBuffer.wrap("xxhello".getBytes(StandardCharsets.UTF_8)).position(2);

        assertThat(ring.replicas(key)).containsExactly("only");

        assertThat(key.position()).isEqualTo(2);
        assertThat(key.remaining()).isEqualTo(5);
    }

    @Test
    void mapsEachEndpointOnceAndLeavesOutThoseMappedToNull() {
        AtomicInteger calls = new AtomicInteger();
        long a = Murmur3Partitioner.token(A);
        TokenRing<String> ring = TokenRing.of(Murmur3Partitioner.INSTANCE, List.of(
                range(a, 0, "10.0.0.2", "10.0.0.3"), range(0, a, "10.0.0.3", "10.0.0.2")), endpoint -> {
                    calls.incrementAndGet();
                    return endpoint.datacenter().equals("dc-of-10.0.0.3") ? null : "server " + endpoint.rpcAddress();
                });

        assertThat(calls).hasValue(2);
        assertThat(ring.replicas(A)).containsExactly("server 10.0.0.2");
        assertThat(ring.replicas(KEY)).containsExactly("server 10.0.0.2");
        assertThat(ring.endpoints()).containsExactly(
                new RingEndpoint("10.0.0.3", "internal-10.0.0.3", "dc-of-10.0.0.3", "rack-of-10.0.0.3"),
                new RingEndpoint("10.0.0.2", "internal-10.0.0.2", "dc-of-10.0.0.2", "rack-of-10.0.0.2"));
    }

    @Test
    void randomPartitionerRingsUseBigIntegerTokens() {
        BigInteger hello = RandomPartitioner.token(HELLO);
        BigInteger middle = BigInteger.TWO.pow(126);
        assertThat(hello).isGreaterThan(middle);
        TokenRing<String> ring = TokenRing.of(RandomPartitioner.INSTANCE, List.of(
                range(middle.toString(), hello.toString(), "upper"),
                range(hello.toString(), middle.toString(), "wrap")), RingEndpoint::rpcAddress);

        assertThat(ring.replicas(HELLO)).containsExactly("upper");
        assertThat(ring.replicas(ByteBuffer.allocate(0))).as("minimum token -1").containsExactly("wrap");
    }

    @Test
    void refusesRangesThatDoNotCoverTheRingOnce() {
        assertThatThrownBy(() -> ring(range(0, 10, "n1"), range(20, 0, "n2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not cover the ring exactly once").hasMessageContaining("(20, 0]");
        assertThatThrownBy(() -> ring())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no ranges");
    }

    @Test
    void refusesTokensOfAnotherPartitioner() {
        assertThatThrownBy(() -> ring(
                range("85070591730234615865843651857942052864", "85070591730234615865843651857942052864", "n1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("org.apache.cassandra.dht.Murmur3Partitioner")
                .hasMessageContaining("85070591730234615865843651857942052864");
    }

    @Test
    void refusesRangesWithoutEndpointDetails() {
        TokenRange bare = new TokenRange("5", "5", List.of("10.0.0.1"));
        assertThatThrownBy(() -> ring(bare))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(5, 5]").hasMessageContaining("rpc_endpoints").hasMessageContaining("endpoint_details");
    }

    /** A Murmur3 ring whose replicas are the rpc addresses. */
    private static TokenRing<String> ring(TokenRange... ranges) {
        return TokenRing.of(Murmur3Partitioner.INSTANCE, List.of(ranges), RingEndpoint::rpcAddress);
    }

    private static TokenRange range(long start, long end, String... replicas) {
        return range(Long.toString(start), Long.toString(end), replicas);
    }

    /** A range as describe_ring gives it, each replica with made-up internal address, datacenter and rack. */
    private static TokenRange range(String start, String end, String... replicas) {
        List<String> internal = new ArrayList<>();
        List<EndpointDetails> details = new ArrayList<>();
        for (String replica : replicas) {
            internal.add("internal-" + replica);
            details.add(new EndpointDetails().setHost("internal-" + replica).setDatacenter("dc-of-" + replica)
                    .setRack("rack-of-" + replica));
        }
        return new TokenRange(start, end, internal).setRpc_endpoints(List.of(replicas)).setEndpoint_details(details);
    }

    private static ByteBuffer key(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
