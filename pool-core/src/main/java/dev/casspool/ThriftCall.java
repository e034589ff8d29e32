package dev.casspool;

import org.apache.cassandra.thrift.Cassandra;
import org.apache.thrift.TException;

/**
 * Work to run on a pooled connection with {@link ConnectionPool#execute(ThriftCall)}.
 *
 * <p>The {@code client} passed in is the checked-out {@link ConnectionWrapper} itself, so data calls made on it retry
 * and fail over, and {@code ((ConnectionWrapper) client).server()} names the server it talks to.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ThriftCall<T> {

    /**
     * Runs Thrift calls on {@code client}.
     *
     * @param client the checked-out connection
     * @return the result handed back by {@code execute}
     * @throws TException a Cassandra or transport error, passed on to the caller of {@code execute}
     */
    T call(Cassandra.Iface client) throws TException;
}
