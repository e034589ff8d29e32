package dev.casspool.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Adds the nodes of an {@link EmbeddedCassandra} to a Spring test's environment, as the casspool starter reads them:
 * {@code cassandra.pool.server-list} (every node's Thrift address) and, with password authentication, the superuser's
 * {@code cassandra.pool.username} and {@code cassandra.pool.password}. They rank below the test's own inlined
 * properties ({@code @SpringBootTest(properties = ...)}, {@code @TestPropertySource}), which may still override them,
 * and above everything else, {@code application.yml} included. Named pools that set their own {@code server-list}
 * keep it; the others inherit these.
 *
 * <p>Contexts of test classes with equal settings are equal, so Spring's context cache shares them, as the nodes are.
 */
final class EmbeddedCassandraContextCustomizer implements ContextCustomizer {

    /** The name of the property source that holds the nodes' connection. */
    static final String PROPERTY_SOURCE = "embeddedCassandra";

    private final EmbeddedCassandra settings;

    EmbeddedCassandraContextCustomizer(EmbeddedCassandra settings) {
        this.settings = settings;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        CassandraCluster cluster = EmbeddedCassandraExtension.cluster(settings);
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("cassandra.pool.server-list", String.join(",", cluster.thriftAddresses()));
        if (settings.authenticator() == Authenticator.PASSWORD) {
            connection.put("cassandra.pool.username", Authenticator.SUPERUSER);
            connection.put("cassandra.pool.password", Authenticator.SUPERUSER_PASSWORD);
        }
        MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE, connection);
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
        if (sources.contains(inlined)) {
            sources.addAfter(inlined, source);
        } else {
            sources.addFirst(source);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmbeddedCassandraContextCustomizer customizer && settings.equals(customizer.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }
}
