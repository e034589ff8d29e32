package dev.casspool.internal.ring;

import dev.casspool.embedded.internal.ServerClasspath;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One of Cassandra's own partitioners from cassandra-all 3.11.19, loaded from the embedded node's server classpath in
 * a class loader of its own: the oracle for the client's token code. The server's jars never join the test classpath
 * (their libthrift 0.9.2 and Guava would clash with the client's, and the build bans cassandra-all there).
 */
final class ServerPartitioner implements AutoCloseable {

    private final URLClassLoader loader;
    private final Object partitioner;
    private final Method getToken;

    private ServerPartitioner(URLClassLoader loader, String className) throws ReflectiveOperationException {
        this.loader = loader;
        Class<?> type = loader.loadClass(className);
        this.partitioner = type.getField("instance").get(null);
        this.getToken = type.getMethod("getToken", ByteBuffer.class);
    }

    /** Loads the server's partitioner class, such as {@code org.apache.cassandra.dht.Murmur3Partitioner}. */
    static ServerPartitioner load(String className) throws ReflectiveOperationException {
        URL[] jars = Arrays.stream(ServerClasspath.read().split(File.pathSeparator))
                .map(ServerPartitioner::url).toArray(URL[]::new);
        // The platform loader as parent: the JDK, but nothing of this test's own classpath.
        URLClassLoader loader = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader());
        try {
            return new ServerPartitioner(loader, className);
        } catch (ReflectiveOperationException | RuntimeException e) {
            close(loader);
            throw e;
        }
    }

    /** The server's token of {@code key}, as the server prints it. */
    String token(ByteBuffer key) throws InvocationTargetException, IllegalAccessException {
        return getToken.invoke(partitioner, key).toString();
    }

    @Override
    public void close() {
        close(loader);
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL url(String jar) {
        try {
            return Path.of(jar).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar, e);
        }
    }
}
