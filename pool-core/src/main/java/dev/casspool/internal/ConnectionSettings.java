package dev.casspool.internal;

import dev.casspool.SocketFactory;
import dev.casspool.TransportFactory;
import java.time.Duration;
import java.util.Map;

/**
 * How every connection of a pool is opened.
 *
 * @param keyspace set on every new connection
 * @param credentials sent with Thrift {@code login}, or null for none
 * @param timeout socket connect and read timeout, or null for none
 * @param socketFactory makes the socket
 * @param transportFactory wraps the socket (framed by default)
 */
public record ConnectionSettings(String keyspace, Map<String, String> credentials, Duration timeout,
                                 SocketFactory socketFactory, TransportFactory transportFactory) {

    /** The user name in {@code credentials}, for messages (never the password), or null. */
    public String username() {
        return credentials == null ? null : credentials.get("username");
    }

    @Override
    public String toString() {
        return "ConnectionSettings[keyspace=" + keyspace + ", username=" + username() + ", timeout=" + timeout + "]";
    }
}
