package dev.casspool.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.ColumnFamily;
import dev.casspool.ConnectionPool;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.ClientTls;
import dev.casspool.embedded.SelfSignedKeystore;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * TLS from a Spring Boot SSL bundle against one real node whose Thrift port takes TLS only, started once for the
 * class: the bundle's trust store reaches it, a trust store without its certificate, a certificate that does not name
 * the host and a plain pool each stop the start with a report saying what to set.
 *
 * <p>Not in the cross-version set: what depends on the Boot line (SSL bundles from {@code spring.ssl.bundle.*}, the
 * binding of {@code ssl.*}) is covered there by {@link SslBundleSelectionTest}, without a second node.
 */
@ExtendWith(OutputCaptureExtension.class)
class CassandraPoolTlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path keys;

    private static CassandraNode node;
    private static ClientTls nodeKeys;
    private static ClientTls strangerKeys;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, CassandraPoolAutoConfiguration.class));

    @BeforeAll
    static void startTlsOnlyNode() {
        nodeKeys = SelfSignedKeystore.create(keys.resolve("node"), "127.0.0.1", PASSWORD);
        strangerKeys = SelfSignedKeystore.create(keys.resolve("stranger"), "127.0.0.1", PASSWORD);
        node = CassandraNode.builder().heapMegabytes(256).clientTls(nodeKeys).build().start();
        node.schema().createKeyspace(TestCassandra.KEYSPACE, 1, TestCassandra.COLUMN_FAMILY);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void reachesTheNodeWithTheTrustStoreOfAnSslBundle() {
        runner.withPropertyValues(tlsPool(node.thriftAddress(), nodeKeys))
                .run(context -> assertReadsAndWrites(context.getBean(ConnectionPool.class), "single"));
    }

    /** The named pools inherit the top-level ssl keys. */
    @Test
    void namedPoolsInheritTheBundle() {
        runner.withPropertyValues(tlsPool(node.thriftAddress(), nodeKeys))
                .withPropertyValues("cassandra.pool.pools.orders.pool-size=1", "cassandra.pool.pools.users.pool-size=1")
                .run(context -> {
                    assertReadsAndWrites(context.getBean("orders", ConnectionPool.class), "orders");
                    assertReadsAndWrites(context.getBean("users", ConnectionPool.class), "users");
                });
    }

    @Test
    void verifiesTheHostNameUnlessToldNotTo(CapturedOutput output) {
        String byName = "localhost:" + node.thriftPort();

        FailedStart.run(tlsPool(byName, nodeKeys));
        assertThat(output).contains("APPLICATION FAILED TO START", "TLS handshake failed", "localhost",
                "cassandra.pool.ssl.verify-hostname=false");

        runner.withPropertyValues(tlsPool(byName, nodeKeys)).withPropertyValues("cassandra.pool.ssl.verify-hostname=false")
                .run(context -> assertReadsAndWrites(context.getBean(ConnectionPool.class), "by-name"));
    }

    /** The bundle's trust store does not hold the node's certificate; nor does the JVM's, without a bundle. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stranger's trust store", "JVM's trust store"})
    void anUntrustedCertificateStopsTheStartWithAReport(String trustStore, CapturedOutput output) {
        String[] properties = trustStore.startsWith("JVM")
                ? Stream.concat(Stream.of(tlsPool(node.thriftAddress(), nodeKeys))
                        .filter(property -> !property.startsWith("cassandra.pool.ssl")),
                        Stream.of("cassandra.pool.ssl.enabled=true")).toArray(String[]::new)
                : tlsPool(node.thriftAddress(), strangerKeys);

        FailedStart.run(properties);

        assertThat(output).contains("APPLICATION FAILED TO START", "TLS handshake failed",
                "Make the trust store of the SSL bundle named by cassandra.pool.ssl.bundle",
                "server's certificate");
    }

    /** A plain pool at a node that takes TLS only: for the single pool, and for a named pool that turns TLS off. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cassandra.pool.ssl.enabled=false", "cassandra.pool.pools.plain.ssl.enabled=false"})
    void aPlainPoolIsToldToSetTheSslKeys(String plain, CapturedOutput output) {
        FailedStart.run(Stream.concat(Stream.of(tlsPool(node.thriftAddress(), nodeKeys)), Stream.of(plain))
                .toArray(String[]::new));

        assertThat(output).contains("APPLICATION FAILED TO START", "did not answer with Thrift",
                "client_encryption_options", "set cassandra.pool.ssl.bundle", "cassandra.pool.ssl.enabled=true");
    }

    /** A pool of one connection to the TLS node at {@code server}, trusting what {@code trust}'s keystore holds. */
    private static String[] tlsPool(String server, ClientTls trust) {
        return new String[] {
            "spring.ssl.bundle.jks.cassandra.truststore.location=file:" + trust.keystore(),
            "spring.ssl.bundle.jks.cassandra.truststore.password=" + PASSWORD,
            "spring.ssl.bundle.jks.cassandra.truststore.type=JKS",
            "cassandra.pool.ssl.bundle=cassandra",
            "cassandra.pool.server-list=" + server,
            "cassandra.pool.keyspace=" + TestCassandra.KEYSPACE,
            "cassandra.pool.pool-size=1",
            "cassandra.pool.timeout=10s",
        };
    }

    private static void assertReadsAndWrites(ConnectionPool pool, String row) throws Exception {
        ColumnFamily columnFamily = new ColumnFamily(pool, TestCassandra.COLUMN_FAMILY);
        columnFamily.insert(row, Map.of("over", "tls"));
        assertThat(columnFamily.get(row)).containsExactly(Map.entry("over", "tls"));
    }
}
