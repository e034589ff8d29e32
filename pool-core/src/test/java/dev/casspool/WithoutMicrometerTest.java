package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.net.URLClassLoader;
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
        try (URLClassLoader loader = new URLClassLoader("no-micrometer", IsolatedPools.classPathWithout("micrometer"),
                ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.getResource("io/micrometer/observation/Observation.class")).isNull();
            Class<?> poolClass = loader.loadClass(ConnectionPool.class.getName());
            Object pool = IsolatedPools.build(loader, node, KEYSPACE.name(), "no-micrometer");
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
}
