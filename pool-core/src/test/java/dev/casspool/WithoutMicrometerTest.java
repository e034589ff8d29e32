package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Micrometer is an optional dependency: a pool loaded without it on the class path (as a plain-Java application has
 * it) builds, hands out connections, and runs data calls, direct and retrying, without ever loading a Micrometer class.
 */
@EmbeddedCassandra
class WithoutMicrometerTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("NoMicrometer", "Standard1");

    @Test
    void aPoolWorksWithoutMicrometerOnTheClassPath(CassandraNode node) throws Exception {
        try (URLClassLoader loader = new URLClassLoader("no-micrometer", classPathWithoutMicrometer(),
                ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.getResource("io/micrometer/observation/Observation.class")).isNull();
            Class<?> poolClass = loader.loadClass(ConnectionPool.class.getName());
            Object builder = poolClass.getMethod("builder").invoke(null);
            Class<?> builderClass = builder.getClass();
            builderClass.getMethod("keyspace", String.class).invoke(builder, KEYSPACE.name());
            builderClass.getMethod("serverList", String[].class).invoke(builder, (Object) new String[] {
                    node.thriftAddress()});
            builderClass.getMethod("poolSize", int.class).invoke(builder, 1);
            builderClass.getMethod("timeout", Duration.class).invoke(builder, TestPools.GENEROUS_TIMEOUT);
            Object pool = builderClass.getMethod("build").invoke(builder);
            try {
                Object connection = poolClass.getMethod("get").invoke(pool);
                Object version = connection.getClass().getMethod("describe_version").invoke(connection);
                poolClass.getMethod("put", connection.getClass()).invoke(pool, connection);

                Class<?> columnFamilyClass = loader.loadClass(ColumnFamily.class.getName());
                Object columnFamily = columnFamilyClass.getConstructor(poolClass, String.class)
                        .newInstance(pool, "Standard1");
                columnFamilyClass.getMethod("insert", String.class, Map.class)
                        .invoke(columnFamily, "row", Map.of("column", "value"));
                Object row = columnFamilyClass.getMethod("get", String.class).invoke(columnFamily, "row");

                assertThat(version).asString().isNotBlank();
                assertThat(row).isEqualTo(Map.of("column", "value"));
            } finally {
                poolClass.getMethod("close").invoke(pool);
            }
        }
    }

    /** The pool's classes and the libraries they need, without Micrometer and without this test's classes. */
    private static URL[] classPathWithoutMicrometer() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("micrometer") && !entry.contains("test-classes") && !entry.contains("junit")
                    && !entry.contains("assertj") && !entry.contains("embedded-cassandra")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
