package dev.casspool.autoconfigure;

import dev.casspool.AllServersUnavailableException;
import dev.casspool.PoolException;
import org.apache.cassandra.thrift.AuthenticationException;
import org.apache.cassandra.thrift.AuthorizationException;
import org.apache.cassandra.thrift.InvalidRequestException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains why the pool could not open its first connections at startup (prefill): no server reachable, login
 * refused, or unknown keyspace, each with the {@code cassandra.pool.*} keys to check. Invalid property values are
 * reported by Spring Boot's own analyzer (see {@link ConnectionPoolFactory}).
 */
class ConnectionPoolFailureAnalyzer extends AbstractFailureAnalyzer<PoolException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PoolException cause) {
        if (cause instanceof AllServersUnavailableException) {
            return new FailureAnalysis("The Cassandra connection pool could not connect to any server of"
                    + " cassandra.pool.server-list: " + cause.getMessage(),
                    "Check that Cassandra is running with its Thrift server enabled (start_rpc: true) and that"
                    + " cassandra.pool.server-list names its rpc_address and rpc_port. To start without Cassandra, set"
                    + " cassandra.pool.prefill=false: the pool then connects on first use.", cause);
        }
        if (findCause(cause, AuthenticationException.class) != null
                || findCause(cause, AuthorizationException.class) != null) {
            return new FailureAnalysis("Cassandra refused the connection pool's login: " + cause.getMessage(),
                    "Check cassandra.pool.username and cassandra.pool.password, and that this user may use the"
                    + " keyspace in cassandra.pool.keyspace.", cause);
        }
        if (findCause(cause, InvalidRequestException.class) != null) {
            return new FailureAnalysis("Cassandra rejected the keyspace of the connection pool: " + cause.getMessage(),
                    "Set cassandra.pool.keyspace to an existing keyspace (names are case-sensitive), or create the"
                    + " keyspace before starting the application.", cause);
        }
        return null;
    }
}
