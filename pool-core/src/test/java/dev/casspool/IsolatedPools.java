package dev.casspool;

import dev.casspool.embedded.CassandraNode;
import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Pools loaded by a class loader of their own and driven by reflection, as an application that the test does not share
 * classes with: for what a pool leaves behind when it closes, and what it needs on the class path.
 */
final class IsolatedPools {

    private IsolatedPools() {
    }

    /**
     * The pool's classes and the libraries they need: the test's class path without this module's test classes, the
     * test libraries, and every entry that contains one of {@code leftOut}.
     */
    static URL[] classPathWithout(String... leftOut) throws Exception {
        List<String> excluded = new ArrayList<>(List.of("test-classes", "junit", "assertj", "embedded-cassandra"));
        excluded.addAll(List.of(leftOut));
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (excluded.stream().noneMatch(entry::contains)) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Builds a pool named {@code name} of one connection to {@code node}, from the classes of {@code loader}. */
    static Object build(ClassLoader loader, CassandraNode node, String keyspace, String name) throws Exception {
        Object builder = loader.loadClass(ConnectionPool.class.getName()).getMethod("builder").invoke(null);
        Class<?> builderClass = builder.getClass();
        builderClass.getMethod("keyspace", String.class).invoke(builder, keyspace);
        builderClass.getMethod("serverList", String[].class).invoke(builder, (Object) new String[] {
                node.thriftAddress()});
        builderClass.getMethod("poolSize", int.class).invoke(builder, 1);
        builderClass.getMethod("timeout", Duration.class).invoke(builder, TestPools.GENEROUS_TIMEOUT);
        builderClass.getMethod("loggingName", String.class).invoke(builder, name);
        return builderClass.getMethod("build").invoke(builder);
    }
}
