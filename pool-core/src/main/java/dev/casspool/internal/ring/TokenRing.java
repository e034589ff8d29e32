package dev.casspool.internal.ring;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.cassandra.thrift.EndpointDetails;
import org.apache.cassandra.thrift.TokenRange;

/**
 * A ring as one {@code describe_ring} showed it: which replicas hold a row key, in placement order (for
 * {@code SimpleStrategy} the owner of the key's range first). Immutable; build a new one on every refresh of the ring.
 *
 * <p>Each replica is whatever the caller maps a {@link RingEndpoint} to (its own server object, say), so a lookup
 * hands back ready lists: {@link #replicas(ByteBuffer)} is a token computation and a binary search over the sorted
 * range ends, and allocates nothing for {@link Murmur3Partitioner}.
 *
 * @param <R> what a replica is mapped to
 */
public final class TokenRing<R> {

    private final Partitioner partitioner;
    private final SortedTokens ends;
    /** The replicas of each range, in ascending order of the ranges' end tokens. */
    private final List<List<R>> replicas;
    private final List<RingEndpoint> endpoints;

    private TokenRing(Partitioner partitioner, SortedTokens ends, List<List<R>> replicas,
                      List<RingEndpoint> endpoints) {
        this.partitioner = partitioner;
        this.ends = ends;
        this.replicas = replicas;
        this.endpoints = endpoints;
    }

    /**
     * Builds the ring from {@code describe_ring}'s ranges, in any order.
     *
     * @param partitioner the ring's partitioner, from {@code describe_partitioner()}
     * @param ranges {@code describe_ring}'s ranges: {@code (start_token, end_token]}, together covering the whole
     *     ring, each with {@code rpc_endpoints} and {@code endpoint_details} in placement order
     * @param replica maps each distinct endpoint to what lookups return for it (called once per endpoint), or to null
     *     to leave it out of every list (a node of another datacenter, say)
     * @throws IllegalArgumentException when the ranges are empty, lack an endpoint's details, have tokens that are not
     *     {@code partitioner}'s, or do not cover the ring exactly once
     */
    public static <R> TokenRing<R> of(Partitioner partitioner, List<TokenRange> ranges,
                                      Function<RingEndpoint, R> replica) {
        Objects.requireNonNull(partitioner, "partitioner");
        Objects.requireNonNull(replica, "replica");
        if (ranges == null || ranges.isEmpty()) {
            throw new IllegalArgumentException("describe_ring returned no ranges");
        }
        SortedTokens ends = sortEnds(partitioner, ranges);
        int[] order = ends.order();
        Map<RingEndpoint, R> mapped = new HashMap<>();
        Set<RingEndpoint> endpoints = new LinkedHashSet<>();
        List<List<R>> replicas = new ArrayList<>(order.length);
        for (int position = 0; position < order.length; position++) {
            TokenRange range = ranges.get(order[position]);
            TokenRange previous = ranges.get(order[(position + order.length - 1) % order.length]);
            if (!range.getStart_token().equals(previous.getEnd_token())) {
                throw new IllegalArgumentException("describe_ring's ranges do not cover the ring exactly once: range "
                        + text(range) + " follows range " + text(previous));
            }
            List<R> rangeReplicas = new ArrayList<>();
            for (RingEndpoint endpoint : endpointsOf(range)) {
                if (endpoints.add(endpoint)) {
                    // Not computeIfAbsent: it would ask again for an endpoint mapped to null.
                    mapped.put(endpoint, replica.apply(endpoint));
                }
                R value = mapped.get(endpoint);
                if (value != null) {
                    rangeReplicas.add(value);
                }
            }
            replicas.add(Collections.unmodifiableList(rangeReplicas));
        }
        return new TokenRing<>(partitioner, ends, List.copyOf(replicas), List.copyOf(endpoints));
    }

    /**
     * The replicas of a row key, in placement order, without those mapped to null; empty when none is left.
     *
     * @param key the raw row key bytes, as the Thrift call carries them; its position does not move
     */
    public List<R> replicas(ByteBuffer key) {
        return replicas.get(ends.rangeOf(key));
    }

    /** Every node that holds a range, in the order {@code describe_ring} first lists them (ascending tokens). */
    public List<RingEndpoint> endpoints() {
        return endpoints;
    }

    /** The partitioner the ring was built with. */
    public Partitioner partitioner() {
        return partitioner;
    }

    /** How many ranges the ring has. */
    public int rangeCount() {
        return replicas.size();
    }

    private static SortedTokens sortEnds(Partitioner partitioner, List<TokenRange> ranges) {
        List<String> tokens = ranges.stream().map(TokenRange::getEnd_token).toList();
        try {
            return partitioner.sort(tokens);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("describe_ring's end tokens are not all " + partitioner.className()
                    + " tokens (does describe_partitioner name another partitioner?): " + e.getMessage(), e);
        }
    }

    private static List<RingEndpoint> endpointsOf(TokenRange range) {
        List<String> rpcAddresses = range.getRpc_endpoints();
        List<EndpointDetails> details = range.getEndpoint_details();
        if (rpcAddresses == null || details == null || rpcAddresses.size() != details.size()) {
            throw new IllegalArgumentException("describe_ring's range " + text(range)
                    + " needs one rpc_endpoints and one endpoint_details entry per replica: " + range);
        }
        List<RingEndpoint> endpoints = new ArrayList<>(details.size());
        for (int i = 0; i < details.size(); i++) {
            EndpointDetails detail = details.get(i);
            endpoints.add(new RingEndpoint(rpcAddresses.get(i), detail.getHost(), detail.getDatacenter(),
                    detail.getRack()));
        }
        return endpoints;
    }

    private static String text(TokenRange range) {
        return "(" + range.getStart_token() + ", " + range.getEnd_token() + "]";
    }
}
