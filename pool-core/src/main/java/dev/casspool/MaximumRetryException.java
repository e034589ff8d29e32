package dev.casspool;

/**
 * A connection gave up on an operation: it failed {@code maxRetries + 1} times in a row (retries of a connection need
 * not all be on the same operation), or it failed once where retrying is not allowed (counter mutations). The cause is
 * the last failure, a Cassandra {@code TimedOutException} or {@code UnavailableException} or a transport error.
 */
public class MaximumRetryException extends PoolException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message how many attempts were made and what failed last
     * @param cause the last failure
     */
    public MaximumRetryException(String message, Throwable cause) {
        super(message, cause);
    }
}
