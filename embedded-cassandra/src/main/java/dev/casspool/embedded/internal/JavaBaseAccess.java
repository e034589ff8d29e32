package dev.casspool.embedded.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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

    private JavaBaseAccess() {
    }

    /**
     * Returns {@code --add-opens} and {@code --add-exports} for every package of {@code java.base} (exported, qualified
     * or internal, such as {@code sun.nio.ch}), plus the few other packages Cassandra reaches into.
     */
    public static List<String> flags() {
        Set<String> packages = new TreeSet<>(ModuleLayer.boot().findModule("java.base")
                .orElseThrow().getDescriptor().packages());
        List<String> flags = new ArrayList<>(packages.size() * 4 + OTHER_MODULE_FLAGS.size());
        for (String pkg : packages) {
            flags.add("--add-opens");
            flags.add("java.base/" + pkg + "=ALL-UNNAMED");
            flags.add("--add-exports");
            flags.add("java.base/" + pkg + "=ALL-UNNAMED");
        }
        flags.addAll(OTHER_MODULE_FLAGS);
        return flags;
    }
}
