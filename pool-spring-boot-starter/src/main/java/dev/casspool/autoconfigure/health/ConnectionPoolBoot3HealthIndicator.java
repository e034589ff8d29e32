package dev.casspool.autoconfigure.health;

import dev.casspool.ConnectionPool;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Spring Boot 3.5 health indicator of a {@link ConnectionPool}: the same check as {@link ConnectionPoolHealthIndicator}
 * (see {@link ConnectionPoolHealthCheck}), on Boot 3's health types.
 */
public class ConnectionPoolBoot3HealthIndicator extends AbstractHealthIndicator {

    private final ConnectionPoolHealthCheck check;

    /**
     * Creates the indicator.
     *
     * @param pool the pool to check
     */
    public ConnectionPoolBoot3HealthIndicator(ConnectionPool pool) {
        super(ConnectionPoolHealthCheck.FAILURE_MESSAGE);
        this.check = new ConnectionPoolHealthCheck(pool);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ConnectionPoolHealthCheck.Result result = check.check();
        builder.status(result.status()).withDetails(result.details());
    }
}
