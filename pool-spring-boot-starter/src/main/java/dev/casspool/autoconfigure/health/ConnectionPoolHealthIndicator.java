package dev.casspool.autoconfigure.health;

import dev.casspool.ConnectionPool;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Spring Boot 4 health indicator of a {@link ConnectionPool}: UP while at least one Cassandra server is reachable, DOWN
 * with the last failure when none is. The check never waits for a connection and never opens one; see
 * {@link ConnectionPoolHealthCheck} for how it decides and which details it shows.
 */
public class ConnectionPoolHealthIndicator extends AbstractHealthIndicator {

    private final ConnectionPoolHealthCheck check;

    /**
     * Creates the indicator.
     *
     * @param pool the pool to check
     */
    public ConnectionPoolHealthIndicator(ConnectionPool pool) {
        super(ConnectionPoolHealthCheck.FAILURE_MESSAGE);
        this.check = new ConnectionPoolHealthCheck(pool);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ConnectionPoolHealthCheck.Result result = check.check();
        builder.status(result.status()).withDetails(result.details());
    }
}
