package dev.casspool.autoconfigure;

import dev.casspool.embedded.Authenticator;
import dev.casspool.embedded.CassandraNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The Cassandra node that the starter's tests share: one node with password authentication for the whole run
 * ({@code @EmbeddedCassandra(authenticator = PASSWORD)} on every class), so that refused logins can be tested on the
 * same node as everything else.
 */
public final class TestCassandra {

    /** The keyspace the tests' pools use, with the column family {@value #COLUMN_FAMILY}. */
    public static final String KEYSPACE = "StarterTests";

    /** A standard column family in {@value #KEYSPACE}, and in {@value #SECOND_KEYSPACE}. */
    public static final String COLUMN_FAMILY = "Standard1";

    /** A second keyspace, for tests of one pool per keyspace, with the column family {@value #COLUMN_FAMILY}. */
    public static final String SECOND_KEYSPACE = "StarterSecond";

    private static boolean keyspaceCreated;

    private TestCassandra() {
    }

    /**
     * Properties pointing the auto-configured pool at {@code node}, logged in as the superuser, with timeouts generous
     * enough for a loaded machine. Creates the keyspaces on first use.
     */
    public static String[] poolProperties(CassandraNode node) {
        createKeyspaceOnce(node);
        return new String[] {
            "cassandra.pool.server-list=" + node.thriftAddress(),
            "cassandra.pool.keyspace=" + KEYSPACE,
            "cassandra.pool.username=" + Authenticator.SUPERUSER,
            "cassandra.pool.password=" + Authenticator.SUPERUSER_PASSWORD,
            "cassandra.pool.timeout=10s",
            "cassandra.pool.pool-timeout=10s",
        };
    }

    /** A loopback {@code "host:port"} that nothing listens on: connecting to it is refused. */
    public static String closedAddress() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void createKeyspaceOnce(CassandraNode node) {
        if (!keyspaceCreated) {
            node.schema().createKeyspace(KEYSPACE, 1, COLUMN_FAMILY);
            node.schema().createKeyspace(SECOND_KEYSPACE, 1, COLUMN_FAMILY);
            keyspaceCreated = true;
        }
    }
}
