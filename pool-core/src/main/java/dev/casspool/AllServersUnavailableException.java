package dev.casspool;

/** No server in the pool's server list could be connected to; the cause is the last server's failure. */
public class AllServersUnavailableException extends PoolException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which servers were tried
     * @param cause the last failure
     */
    public AllServersUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
