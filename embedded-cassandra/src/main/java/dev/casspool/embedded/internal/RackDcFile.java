package dev.casspool.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code cassandra-rackdc.properties} file from which {@code GossipingPropertyFileSnitch} reads a node's datacenter
 * and rack. Cassandra looks for it on the classpath unless the system property of the same name holds its URL, which
 * is how each node of a loopback ring gets a file of its own.
 */
public final class RackDcFile {

    private static final String NAME = "cassandra-rackdc.properties";

    private RackDcFile() {
    }

    /**
     * Writes the file into the node's {@code conf/} directory.
     *
     * @return the JVM option that points the node at it
     */
    public static String write(Path nodeDirectory, String datacenter, String rack) {
        Path file = nodeDirectory.resolve("conf").resolve(NAME);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "dc=" + datacenter + "\nrack=" + rack + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return "-D" + NAME + "=" + file.toUri();
    }
}
