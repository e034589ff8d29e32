package dev.casspool.embedded.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The jars of Apache Cassandra's server, as resolved by the build of {@code embedded-cassandra-server-classpath}
 * into a resource. They are used only on the command line of a node's own JVM, never loaded here.
 */
public final class ServerClasspath {

    static final String RESOURCE = "/dev/casspool/embedded/cassandra-server.classpath";

    private ServerClasspath() {
    }

    /**
     * Reads the classpath and checks that every jar on it exists.
     *
     * @return the classpath string, separated by {@link File#pathSeparator}
     * @throws IllegalStateException naming what is missing and how to get it
     */
    public static String read() {
        String classpath;
        try (InputStream in = ServerClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Cassandra's server classpath (" + RESOURCE + ") is not on the classpath: "
                        + "depend on dev.casspool:embedded-cassandra-server-classpath and build it with Maven");
            }
            classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        List<String> missing = Arrays.stream(classpath.split(File.pathSeparator))
                .filter(jar -> !Files.isRegularFile(Path.of(jar)))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Cassandra's server jars are missing from the local Maven repository: "
                    + missing + ". Rebuild embedded-cassandra-server-classpath (mvn install) on this machine.");
        }
        return classpath;
    }
}
