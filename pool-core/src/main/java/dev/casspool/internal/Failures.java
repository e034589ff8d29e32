package dev.casspool.internal;

import org.apache.cassandra.thrift.TimedOutException;
import org.apache.cassandra.thrift.UnavailableException;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.transport.TTransportException;

/** Sorts the failures of a Thrift call into what they mean for the connection and for a retry. */
public final class Failures {

    private Failures() {
    }

    /**
     * Whether another server may succeed where this one failed (pycassa's retry list): Cassandra timed out or lacked
     * replicas, or the connection itself failed (timeouts, resets and refused connections all arrive as
     * {@link TTransportException}).
     */
    public static boolean isRetryable(Throwable failure) {
        return failure instanceof TimedOutException
                || failure instanceof UnavailableException
                || failure instanceof TTransportException;
    }

    /**
     * Whether the connection must not be used again after this failure: the stream may hold half a request or an
     * unread reply. Cassandra's own answers ({@code InvalidRequestException}, {@code NotFoundException}, timeouts and
     * unavailability reported by the server) leave it in a clean state.
     */
    public static boolean breaksConnection(Throwable failure) {
        return failure instanceof TTransportException
                || failure instanceof TApplicationException
                || failure instanceof TProtocolException
                || failure instanceof RuntimeException
                || failure instanceof Error;
    }

    /** {@code SimpleName: message}, for messages. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null && failure.getCause() != null) {
            message = failure.getCause().toString();
        }
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
