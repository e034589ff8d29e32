package dev.casspool.embedded;

import dev.casspool.embedded.internal.YamlSetting;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the cluster that {@link EmbeddedCassandra} asks for once per run, in the root context's store (closed when the
 * run ends), and resolves {@link CassandraCluster} and {@link CassandraNode} parameters.
 *
 * <p>Before each test class and each test, nodes that an earlier test killed, stopped or paused are brought back. This
 * happens before rather than after a test, so that a class which breaks the ring last costs no restart nobody needs.
 *
 * <p>The clusters are also kept by their settings for the Spring TestContext support
 * ({@link EmbeddedCassandraContextCustomizerFactory}), which asks for them when it loads an application context, where
 * no JUnit context is at hand; whichever asks first starts the cluster, and the run's end closes it.
 */
public final class EmbeddedCassandraExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedCassandraExtension.class);

    /** The started clusters, by {@link #key}. */
    private static final Map<String, CassandraCluster> STARTED = new HashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster(context).ensureAllRunning();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        cluster(context).ensureAllRunning();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == CassandraCluster.class || type == CassandraNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        CassandraCluster cluster = cluster(context);
        return parameter.getParameter().getType() == CassandraNode.class ? cluster.node(0) : cluster;
    }

    /**
     * The ring of the test class that {@code context} belongs to, started if need be: for other extensions that
     * prepare it (a keyspace, say) before the class's tests run.
     */
    @SuppressWarnings("deprecation") // the Store API that both JUnit 5.12 (Spring Boot 3.5's) and JUnit 6 have
    public static CassandraCluster cluster(ExtensionContext context) {
        EmbeddedCassandra settings = AnnotationSupport.findAnnotation(context.getRequiredTestClass(),
                EmbeddedCassandra.class).orElseThrow(() -> new ExtensionConfigurationException(
                        context.getRequiredTestClass() + " needs @EmbeddedCassandra"));
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(key(settings),
                key -> new StoredCluster(key, cluster(settings)), StoredCluster.class).cluster();
    }

    /** The ring that {@code settings} ask for, started if no test has started it yet. */
    static synchronized CassandraCluster cluster(EmbeddedCassandra settings) {
        return STARTED.computeIfAbsent(key(settings), key -> start(settings));
    }

    private static String key(EmbeddedCassandra settings) {
        return settings.name() + "/" + settings.nodes() + "/" + String.join(",", settings.datacenters()) + "/"
                + settings.authenticator() + "/" + String.join(",", settings.yaml());
    }

    /**
     * A cluster in the root store, closed when the run ends: JUnit 6 closes {@link AutoCloseable} values, but JUnit
     * 5.12 only {@code CloseableResource}s, which JUnit 6 still closes too.
     */
    @SuppressWarnings("deprecation")
    private record StoredCluster(String key, CassandraCluster cluster)
            implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            synchronized (EmbeddedCassandraExtension.class) {
                STARTED.remove(key);
            }
            cluster.close();
        }
    }

    private static CassandraCluster start(EmbeddedCassandra settings) {
        CassandraCluster.Builder cluster = CassandraCluster.builder()
                .clusterName("casspool-" + settings.name())
                .authenticator(settings.authenticator());
        if (settings.datacenters().length == 0) {
            cluster.size(settings.nodes());
        } else if (settings.nodes() != 1) {
            throw new ExtensionConfigurationException("@EmbeddedCassandra takes nodes or datacenters, not both: the "
                    + "datacenters decide the number of nodes");
        }
        for (String datacenter : settings.datacenters()) {
            int colon = datacenter.lastIndexOf(':');
            try {
                cluster.datacenter(datacenter.substring(0, Math.max(colon, 0)).trim(),
                        Integer.parseInt(datacenter.substring(colon + 1).trim()));
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("@EmbeddedCassandra datacenters are \"name:nodes\", such as "
                        + "\"dc1:2\"; \"" + datacenter + "\" is not: " + e.getMessage(), e);
            }
        }
        for (String entry : settings.yaml()) {
            YamlSetting setting;
            try {
                setting = YamlSetting.parse(entry);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("@EmbeddedCassandra: " + e.getMessage());
            }
            cluster.yaml(setting.key(), setting.value());
        }
        return cluster.build().start();
    }
}
