package dev.casspool;

/**
 * The pool was at its maximum ({@code poolSize + maxOverflow} connections checked out) and no connection came back
 * within {@code poolTimeout}.
 */
public class NoConnectionAvailableException extends PoolException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the pool, its limits and how long the caller waited
     */
    public NoConnectionAvailableException(String message) {
        super(message);
    }
}
