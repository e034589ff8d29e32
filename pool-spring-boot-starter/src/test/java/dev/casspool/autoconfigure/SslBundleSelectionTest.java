package dev.casspool.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.ClientTls;
import dev.casspool.embedded.SelfSignedKeystore;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Which SSL bundle the pools use, on every Boot line: {@code cassandra.pool.ssl.*} read as Spring Boot's own clients
 * read their {@code ssl} keys, the bundle taken from the application's {@link SslBundles}, and a bundle name that
 * names none reported with its key. No Cassandra: {@code CassandraPoolTlsTest} connects to a TLS-only node with them.
 */
@Tag("boot-lines")
class SslBundleSelectionTest {

    @TempDir
    static Path keys;

    private static ClientTls keystore;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, CassandraPoolAutoConfiguration.class))
            .withPropertyValues("cassandra.pool.keyspace=Keyspace1", "cassandra.pool.prefill=false");

    @BeforeAll
    static void createKeystore() {
        keystore = SelfSignedKeystore.create(keys, "127.0.0.1", "changeit");
    }

    @Test
    void usesTheBundleThatSslBundleNames() {
        runner.withPropertyValues("spring.ssl.bundle.jks.cassandra.truststore.location=file:" + keystore.keystore(),
                "spring.ssl.bundle.jks.cassandra.truststore.password=changeit",
                "spring.ssl.bundle.jks.cassandra.truststore.type=JKS", "cassandra.pool.ssl.bundle=cassandra")
                .run(context -> assertThat(context.getBean(CassandraPoolConnectionDetails.class).getSslBundle())
                        .isSameAs(context.getBean(SslBundles.class).getBundle("cassandra")));
    }

    @Test
    void usesTheJvmsTrustStoreWhenEnabledWithoutABundle() {
        runner.withPropertyValues("cassandra.pool.ssl.enabled=true")
                .run(context -> assertThat(context.getBean(CassandraPoolConnectionDetails.class).getSslBundle())
                        .isNotNull().extracting(SslBundle::getProtocol).isEqualTo(SslBundle.DEFAULT_PROTOCOL));
    }

    @Test
    void usesPlainSocketsWhenNotEnabled() {
        runner.run(context -> assertThat(context.getBean(CassandraPoolConnectionDetails.class).getSslBundle()).isNull());
        runner.withPropertyValues("cassandra.pool.ssl.enabled=false", "cassandra.pool.ssl.bundle=cassandra")
                .run(context -> assertThat(context.getBean(CassandraPoolConnectionDetails.class).getSslBundle())
                        .isNull());
    }

    @Test
    void namesTheKeyOfABundleThatIsNotConfigured() {
        runner.withPropertyValues("cassandra.pool.ssl.bundle=missing").run(context -> assertThat(context)
                .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("cassandra.pool.ssl.bundle").hasMessageContaining("No SSL bundle named 'missing'"));
        runner.withPropertyValues("cassandra.pool.pools.orders.ssl.bundle=missing").run(context -> assertThat(context)
                .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("cassandra.pool.pools.orders.ssl.bundle"));
    }
}
