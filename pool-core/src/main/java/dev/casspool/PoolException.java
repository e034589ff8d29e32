package dev.casspool;

/**
 * Base of the pool's own unchecked exceptions. Thrown as such when a connection cannot be opened for a reason no
 * other server would fix: wrong credentials (the cause chain holds Cassandra's {@code AuthenticationException} or
 * {@code AuthorizationException}), an unknown keyspace, or an interrupt while waiting.
 */
public class PoolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the pool
     */
    public PoolException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the pool
     * @param cause the underlying failure
     */
    public PoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
