package dev.casspool.embedded;

/** A node did not start: it exited, or Thrift did not answer in time. The message ends with the tail of its log. */
public class CassandraStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param logTail the last lines of the node's log
     * @param cause the last failure seen while waiting, or null
     */
    public CassandraStartException(String message, String logTail, Throwable cause) {
        super(message + "\n--- last lines of the node's log ---\n" + logTail, cause);
    }
}
