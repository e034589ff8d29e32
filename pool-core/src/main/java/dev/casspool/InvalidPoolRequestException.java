package dev.casspool;

/**
 * The pool was used in a way it cannot serve: a connection put back twice or into another pool, a pool used after
 * {@link ConnectionPool#close()}, a connection used after it went back to the pool.
 */
public class InvalidPoolRequestException extends PoolException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was asked and why it cannot be done
     */
    public InvalidPoolRequestException(String message) {
        super(message);
    }
}
