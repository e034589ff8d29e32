package dev.casspool;

import java.time.Instant;

/**
 * What a pool knows about one server of its list, for health checks and monitoring.
 *
 * @param address the server as {@code "host:port"}
 * @param up false while the server is marked down: its last connect or operation failed with a transport error and
 *     no background probe has reached it since
 * @param openConnections how many of the pool's connections are open to it
 * @param lastFailure the failure that marked it down, or the last probe's failure; null when up
 * @param downSince when it was marked down; null when up
 * @param datacenter the node's datacenter, as the ring reports it; null when the pool does not discover the ring
 * @param rack the node's rack, as the ring reports it; null when the pool does not discover the ring
 */
public record ServerStatus(String address, boolean up, int openConnections, Throwable lastFailure,
                           Instant downSince, String datacenter, String rack) {
}
