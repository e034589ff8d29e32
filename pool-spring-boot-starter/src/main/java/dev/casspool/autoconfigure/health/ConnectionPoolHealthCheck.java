package dev.casspool.autoconfigure.health;

import dev.casspool.ConnectionPool;
import dev.casspool.ServerStatus;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.thrift.TException;

/**
 * Health of a {@link ConnectionPool}: UP while at least one Cassandra server is reachable, DOWN with the last failure
 * when none is, OUT_OF_SERVICE once the pool is closed. The health indicators of both Spring Boot generations
 * ({@link ConnectionPoolHealthIndicator} for Boot 4, {@link ConnectionPoolBoot3HealthIndicator} for Boot 3.5) report
 * what this finds.
 *
 * <p>The check asks an idle connection, if one is free, for Cassandra's version ({@link ConnectionPool#tryExecute}: no
 * waiting, no new connection, no validation); that one call takes at most the pool's socket timeout. A transport
 * failure there marks the server down, with all its idle connections, so a server that dies while the application is
 * idle reads DOWN at the next check. When no connection is idle (a saturated pool is load, not an outage), the check
 * goes by what the pool's own operations, connects and background probes found
 * ({@link ConnectionPool#serverStatuses()}).
 *
 * <p>Details: {@code servers} (each with its status and open connections, its datacenter and rack when the pool
 * discovers the ring, and when down since when and why),
 * {@code keyspace}, {@code active}, {@code idle}, {@code overflow}, {@code max}, {@code pending}, and {@code version},
 * the last version a server reported. Credentials are never shown.
 */
final class ConnectionPoolHealthCheck {

    /** What Boot reports when the check itself throws. */
    static final String FAILURE_MESSAGE = "Cassandra connection pool health check failed";

    private final ConnectionPool pool;
    private volatile String version;

    ConnectionPoolHealthCheck(ConnectionPool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /**
     * What a health check reports.
     *
     * @param status a Spring Boot status code: {@code UP}, {@code DOWN} or {@code OUT_OF_SERVICE}
     * @param details the details, in the order shown
     */
    record Result(String status, Map<String, Object> details) {
    }

    Result check() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (pool.isClosed()) {
            details.put("keyspace", pool.keyspace());
            return new Result("OUT_OF_SERVICE", details);
        }
        boolean answered = idleConnectionAnswers();
        List<ServerStatus> servers = pool.serverStatuses();
        String status = answered || servers.stream().anyMatch(ServerStatus::up) ? "UP" : "DOWN";
        if (status.equals("DOWN")) {
            lastFailure(servers).ifPresent(failure -> details.put("error", describe(failure)));
        }
        details.put("servers", serverDetails(servers));
        details.put("keyspace", pool.keyspace());
        details.put("active", pool.checkedOut());
        details.put("idle", pool.checkedIn());
        details.put("overflow", pool.overflow());
        details.put("max", pool.maxConnections());
        details.put("pending", pool.pending());
        if (version != null) {
            details.put("version", version);
        }
        return new Result(status, details);
    }

    /**
     * Whether an idle connection answered {@code describe_version}: false when none is idle, or when the call failed,
     * in which case the pool has closed the connection and, after a transport failure, marked its server down. In
     * thread-local mode, a connection that the checking thread holds is asked and stays held.
     */
    private boolean idleConnectionAnswers() {
        try {
            Optional<String> answer = pool.tryExecute(client -> client.describe_version());
            answer.ifPresent(reported -> version = reported);
            return answer.isPresent();
        } catch (TException e) {
            return false;
        }
    }

    private static Optional<Throwable> lastFailure(List<ServerStatus> servers) {
        return servers.stream()
                .filter(server -> server.lastFailure() != null)
                .max(Comparator.comparing(ServerStatus::downSince, Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(ServerStatus::lastFailure);
    }

    private static Map<String, Object> serverDetails(List<ServerStatus> servers) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (ServerStatus server : servers) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", server.up() ? "UP" : "DOWN");
            detail.put("openConnections", server.openConnections());
            if (server.datacenter() != null) {
                detail.put("datacenter", server.datacenter());
                detail.put("rack", server.rack());
            }
            if (server.downSince() != null) {
                detail.put("downSince", server.downSince().toString());
            }
            if (server.lastFailure() != null) {
                detail.put("error", describe(server.lastFailure()));
            }
            details.put(server.address(), detail);
        }
        return details;
    }

    /** As Boot's {@code Health.Builder.withException} shows an error. */
    private static String describe(Throwable failure) {
        return failure.getClass().getName() + ": " + failure.getMessage();
    }
}
