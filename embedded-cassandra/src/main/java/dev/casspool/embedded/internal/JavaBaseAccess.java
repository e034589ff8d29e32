package dev.casspool.embedded.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JVM flags that let Cassandra 3.11 (written for Java 8) run on Java 17: it reflects into JDK internals through
 * jamm, its native-library glue ({@code sun.nio.ch.FileChannelImpl}) and its JMX/RMI setup.
 */
public final class JavaBaseAccess {

    private static final List<String> OTHER_MODULE_FLAGS = List.of(
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    /** The flags per JDK home: listing another JDK's packages opens its module image. */
    private static final Map<Path, List<String>> FLAGS = new ConcurrentHashMap<>();

    private JavaBaseAccess() {
    }

    /**
     * Returns {@code --add-opens} and {@code --add-exports} for every package of {@code java.base} (exported, qualified
     * or internal, such as {@code sun.nio.ch}) of the node's JDK, plus the few other packages Cassandra reaches into.
     * The packages are the node JDK's own, which differ from this JVM's when the two JDKs differ.
     */
    public static List<String> flags(NodeJdk jdk) {
        return FLAGS.computeIfAbsent(jdk.home(), home -> flags(jdk.isCurrent() ? ModuleLayer.boot()
                .findModule("java.base").orElseThrow().getDescriptor().packages() : javaBasePackages(home)));
    }

    /**
     * The packages of {@code java.base} in another JDK: its module descriptor, read from the JDK's image through the
     * {@code jrt:/} file system, lists them.
     */
    static Set<String> javaBasePackages(Path home) {
        try (FileSystem image = FileSystems.newFileSystem(URI.create("jrt:/"), Map.of("java.home", home.toString()));
             InputStream moduleInfo = Files.newInputStream(image.getPath("/modules/java.base/module-info.class"))) {
            return ModuleDescriptor.read(moduleInfo).packages();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the modules of the JDK at " + home, e);
        }
    }

    private static List<String> flags(Set<String> javaBase) {
        Set<String> packages = new TreeSet<>(javaBase);
        List<String> flags = new ArrayList<>(packages.size() * 4 + OTHER_MODULE_FLAGS.size());
        for (String pkg : packages) {
            flags.add("--add-opens");
            flags.add("java.base/" + pkg + "=ALL-UNNAMED");
            flags.add("--add-exports");
            flags.add("java.base/" + pkg + "=ALL-UNNAMED");
        }
        flags.addAll(OTHER_MODULE_FLAGS);
        return List.copyOf(flags);
    }
}
