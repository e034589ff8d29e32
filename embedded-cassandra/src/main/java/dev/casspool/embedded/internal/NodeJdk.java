package dev.casspool.embedded.internal;

import dev.casspool.embedded.CompatibleJdkNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The JDK that runs Cassandra nodes, which need not be the one running the application: Cassandra 3.11 installs a
 * security manager at startup, which JDK 24 and later refuse ("Setting a system-wide Policy object is not supported"),
 * and its JVM flags ({@link JavaBaseAccess}) are verified on JDK {@value #FEATURE}. So nodes always run on a JDK
 * {@value #FEATURE}, looked for in this order:
 * <ol>
 *   <li>the system property {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT_VARIABLE}: a JDK
 *       home (or its {@code bin/java}); when set, it must be a JDK {@value #FEATURE}, nothing else is tried;</li>
 *   <li>the JVM running this code, when it is a JDK {@value #FEATURE};</li>
 *   <li>{@code JAVA_HOME};</li>
 *   <li>the JDKs installed where package managers and tools put them ({@link Search#ofThisMachine()}), first by
 *       path.</li>
 * </ol>
 *
 * @param home the JDK's home directory
 * @param feature its feature version (17 for 17.0.15)
 */
public record NodeJdk(Path home, int feature) {

    /** System property naming the JDK home for Cassandra nodes. */
    public static final String PROPERTY = "casspool.cassandra.java-home";

    /** Environment variable naming the JDK home for Cassandra nodes, read when {@value #PROPERTY} is not set. */
    public static final String ENVIRONMENT_VARIABLE = "CASSPOOL_CASSANDRA_JAVA_HOME";

    /** The JDK feature version that runs Cassandra nodes. */
    public static final int FEATURE = 17;

    /** The first JDK feature version without a security manager. */
    private static final int NO_SECURITY_MANAGER = 24;

    /** The {@code java} launcher of this JDK. */
    public Path java() {
        return launcher(home);
    }

    /** Whether this is the JDK running this code. */
    public boolean isCurrent() {
        return home.equals(currentHome());
    }

    /**
     * Finds the JDK for Cassandra nodes on this machine.
     *
     * @throws CompatibleJdkNotFoundException with a one-line message when there is none, or when the JDK named by
     *     {@value #PROPERTY} or {@value #ENVIRONMENT_VARIABLE} is not a JDK {@value #FEATURE}
     */
    public static NodeJdk find() {
        return find(Search.ofThisMachine());
    }

    static NodeJdk find(Search search) {
        if (search.explicit() != null) {
            return explicit(search.explicitSource(), search.explicit());
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(search.currentHome());
        if (search.javaHome() != null) {
            candidates.add(search.javaHome());
        }
        candidates.addAll(installed(search.installRoots()));
        return candidates.stream()
                .map(home -> new NodeJdk(home, featureVersion(home).orElse(0)))
                .filter(jdk -> jdk.feature() == FEATURE)
                .findFirst()
                .orElseThrow(() -> notFound(search));
    }

    private static NodeJdk explicit(String source, String value) {
        Path named = Path.of(value).toAbsolutePath().normalize();
        Path home = named.endsWith(Path.of("bin", "java")) ? named.getParent().getParent() : named;
        OptionalInt feature = featureVersion(home);
        if (feature.isEmpty()) {
            throw new CompatibleJdkNotFoundException(source + " is " + value + ", which is not a JDK (no bin/java and"
                    + " release file there): point it at the home directory of a JDK " + FEATURE + ".");
        }
        if (feature.getAsInt() != FEATURE) {
            throw new CompatibleJdkNotFoundException(source + " is " + value + ", a JDK " + feature.getAsInt()
                    + ", but Cassandra 3.11 runs on a JDK " + FEATURE + ": point it at the home directory of one.");
        }
        return new NodeJdk(home, FEATURE);
    }

    private static CompatibleJdkNotFoundException notFound(Search search) {
        int current = featureVersion(search.currentHome()).orElse(0);
        String why = current >= NO_SECURITY_MANAGER
                ? " (JDK " + NO_SECURITY_MANAGER + " and later removed the security manager that Cassandra installs)"
                : "";
        List<String> places = new ArrayList<>();
        if (search.javaHome() != null) {
            places.add("JAVA_HOME");
        }
        search.installRoots().forEach(root -> places.add(root.toString()));
        return new CompatibleJdkNotFoundException("Cassandra 3.11 needs a JDK " + FEATURE + " and this JVM is JDK "
                + current + why + "; none was found in " + String.join(", ", places) + ". Install a JDK " + FEATURE
                + ", or set the system property " + PROPERTY + " or the environment variable " + ENVIRONMENT_VARIABLE
                + " to its home directory.");
    }

    /** The JDK homes under {@code roots}, each root's entries sorted by name, links resolved, each home once. */
    private static List<Path> installed(List<Path> roots) {
        List<Path> homes = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(root)) {
                for (Path entry : entries.sorted().toList()) {
                    // macOS keeps the home inside a bundle: /Library/Java/JavaVirtualMachines/<jdk>/Contents/Home.
                    Path bundleHome = entry.resolve("Contents").resolve("Home");
                    Path home = realPath(Files.isDirectory(bundleHome) ? bundleHome : entry);
                    if (!homes.contains(home)) {
                        homes.add(home);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + root, e);
            }
        }
        return homes;
    }

    /**
     * The feature version from the JDK's {@code release} file ({@code JAVA_VERSION="17.0.15"}, or
     * {@code "1.8.0_392"} for 8), or empty when {@code home} has no {@code bin/java} or no readable version.
     */
    static OptionalInt featureVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(launcher(home)) || !Files.isRegularFile(release)) {
            return OptionalInt.empty();
        }
        try (Stream<String> lines = Files.lines(release, StandardCharsets.UTF_8)) {
            Optional<String> version = lines.filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", "").trim())
                    .findFirst();
            return version.map(NodeJdk::feature).orElse(OptionalInt.empty());
        } catch (IOException | UncheckedIOException e) {
            return OptionalInt.empty();
        }
    }

    private static OptionalInt feature(String version) {
        String[] parts = version.split("[._+-]");
        try {
            int first = Integer.parseInt(parts[0]);
            return OptionalInt.of(first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static Path currentHome() {
        return realPath(Path.of(System.getProperty("java.home")));
    }

    private static Path launcher(Path home) {
        return home.resolve("bin").resolve("java");
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    /**
     * Where to look for a JDK.
     *
     * @param explicit the JDK home named by {@value #PROPERTY} or {@value #ENVIRONMENT_VARIABLE}, or null
     * @param explicitSource which of the two named it, for messages
     * @param currentHome the home of the JVM running this code
     * @param javaHome {@code JAVA_HOME}, or null
     * @param installRoots directories whose entries are JDK homes
     */
    record Search(String explicit, String explicitSource, Path currentHome, Path javaHome, List<Path> installRoots) {

        /** This machine's settings and the usual install directories of Linux, macOS, SDKMAN!, IntelliJ and Gradle. */
        static Search ofThisMachine() {
            String property = blankToNull(System.getProperty(PROPERTY));
            String variable = blankToNull(System.getenv(ENVIRONMENT_VARIABLE));
            String javaHome = blankToNull(System.getenv("JAVA_HOME"));
            Path user = Path.of(System.getProperty("user.home"));
            return new Search(property != null ? property : variable,
                    property != null ? "The system property " + PROPERTY
                            : "The environment variable " + ENVIRONMENT_VARIABLE,
                    NodeJdk.currentHome(),
                    javaHome == null ? null : realPath(Path.of(javaHome)),
                    Stream.of(Path.of("/usr/lib/jvm"), Path.of("/usr/java"), Path.of("/opt/java"),
                            Path.of("/Library/Java/JavaVirtualMachines"), user.resolve(".sdkman/candidates/java"),
                            user.resolve(".jdks"), user.resolve(".gradle/jdks")).toList());
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
