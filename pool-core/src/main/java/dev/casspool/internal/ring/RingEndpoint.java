package dev.casspool.internal.ring;

/**
 * One replica as {@code describe_ring} lists it.
 *
 * @param rpcAddress where the node serves Thrift clients ({@code rpc_endpoints}: its {@code broadcast_rpc_address},
 *     else its {@code rpc_address}); the address to connect to
 * @param host the node's internal address ({@code endpoint_details.host}, also in {@code endpoints}); not for clients
 * @param datacenter the node's datacenter, as the ring's snitch names it
 * @param rack the node's rack, as the ring's snitch names it
 */
public record RingEndpoint(String rpcAddress, String host, String datacenter, String rack) {
}
