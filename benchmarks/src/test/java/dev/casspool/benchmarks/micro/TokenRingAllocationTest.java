package dev.casspool.benchmarks.micro;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.casspool.internal.ring.Murmur3Partitioner;
import dev.casspool.internal.ring.Partitioner;
import dev.casspool.internal.ring.RingEndpoint;
import dev.casspool.internal.ring.TokenRing;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.cassandra.thrift.EndpointDetails;
import org.apache.cassandra.thrift.TokenRange;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's routing hot path: finding a key's replicas on a Murmur3 ring (the token, then a binary search) allocates
 * nothing, for keys on the heap and off it. Checked with the calling thread's allocation counter, as
 * {@link WarmPathAllocationTest} does.
 */
class TokenRingAllocationTest {

    private static final int WARM_UP = 2_000_000;
    private static final int MEASURED = 1_000_000;
    /** What a measured run may allocate once (a late JIT compilation); one object per lookup would be 16 MB. */
    private static final long ONE_OFF_BYTES = 1024;
    private static final int NODES = 60;
    private static final int TOKENS_PER_NODE = 256;

    @Test
    void findingAKeysReplicasAllocatesNothing() {
        Partitioner murmur3 = Partitioner.forClassName(Murmur3Partitioner.CLASS_NAME).orElseThrow();
        TokenRing<String> ring = TokenRing.of(murmur3, ring(), RingEndpoint::rpcAddress);
        Random random = new Random(1);
        ByteBuffer[] keys = new ByteBuffer[64];
        for (int i = 0; i < keys.length; i++) {
            byte[] key = new byte[1 + random.nextInt(40)];
            random.nextBytes(key);
            keys[i] = i % 2 == 0 ? ByteBuffer.wrap(key) : ByteBuffer.allocateDirect(key.length).put(key).flip();
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        lookUp(ring, keys, WARM_UP);

        long before = threads.getCurrentThreadAllocatedBytes();
        int replicas = lookUp(ring, keys, MEASURED);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(replicas).isEqualTo(MEASURED * 3);
        assertThat(allocated).as("bytes allocated by %d lookups", MEASURED).isLessThan(ONE_OFF_BYTES);
    }

    private static int lookUp(TokenRing<String> ring, ByteBuffer[] keys, int lookups) {
        int replicas = 0;
        for (int i = 0; i < lookups; i++) {
            replicas += ring.replicas(keys[i & (keys.length - 1)]).size();
        }
        return replicas;
    }

    /** A 60-node ring of 256 tokens per node, evenly spaced, three replicas per range. */
    private static List<TokenRange> ring() {
        int ranges = NODES * TOKENS_PER_NODE;
        long step = Long.divideUnsigned(-1L, ranges);
        List<TokenRange> ring = new ArrayList<>(ranges);
        for (int i = 0; i < ranges; i++) {
            long start = Long.MIN_VALUE + step * ((i + ranges - 1) % ranges);
            long end = Long.MIN_VALUE + step * i;
            List<String> replicas = List.of("10.0.0." + (i % NODES), "10.0.0." + ((i + 1) % NODES),
                    "10.0.0." + ((i + 2) % NODES));
            List<EndpointDetails> details = replicas.stream()
                    .map(host -> new EndpointDetails().setHost(host).setDatacenter("dc1").setRack("rack1")).toList();
            ring.add(new TokenRange(Long.toString(start), Long.toString(end), replicas)
                    .setRpc_endpoints(replicas).setEndpoint_details(details));
        }
        return ring;
    }
}
