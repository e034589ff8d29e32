package dev.casspool.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CompatibleJdkNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which JDK runs the nodes, on file trees laid out like installed JDKs (a {@code release} file and a bin/java). */
class NodeJdkTest {

    @TempDir
    Path machine;

    @Test
    void takesTheCurrentJvmWhenItIsAJdk17() throws IOException {
        Path current = jdk("current", "17.0.15");
        Path javaHome = jdk("java-home", "17.0.2");

        assertThat(NodeJdk.find(search(null, current, javaHome))).isEqualTo(new NodeJdk(current, 17));
    }

    @Test
    void takesJavaHomeWhenTheCurrentJvmIsNewer() throws IOException {
        Path javaHome = jdk("java-home", "17.0.2");

        assertThat(NodeJdk.find(search(null, jdk("current", "25.0.1"), javaHome)))
                .isEqualTo(new NodeJdk(javaHome, 17));
    }

    @Test
    void findsAnInstalledJdk17FirstByPathAndFollowsLinks() throws IOException {
        Path jvm = Files.createDirectories(machine.resolve("usr/lib/jvm"));
        jdk("usr/lib/jvm/java-11-openjdk-amd64", "11.0.20");
        Path seventeen = jdk("usr/lib/jvm/java-17-openjdk-amd64", "17.0.15");
        jdk("usr/lib/jvm/temurin-25-jdk-amd64", "25.0.3");
        Files.createSymbolicLink(jvm.resolve("java-1.17.0-openjdk-amd64"), seventeen);
        jdk("usr/lib/jvm/zulu-17", "17.0.9");

        NodeJdk found = NodeJdk.find(search(null, jdk("current", "25.0.3"), jdk("java-home", "21.0.4"), jvm));

        assertThat(found).isEqualTo(new NodeJdk(seventeen.toRealPath(), 17));
        assertThat(found.java()).isEqualTo(seventeen.toRealPath().resolve("bin/java"));
    }

    @Test
    void findsTheHomeInsideAMacOsBundle() throws IOException {
        Path virtualMachines = Files.createDirectories(machine.resolve("Library/Java/JavaVirtualMachines"));
        Path home = jdk("Library/Java/JavaVirtualMachines/temurin-17.jdk/Contents/Home", "17.0.12");

        assertThat(NodeJdk.find(search(null, jdk("current", "25"), null, virtualMachines)).home())
                .isEqualTo(home.toRealPath());
    }

    @Test
    void anExplicitJdkWinsAndMayBeGivenAsItsLauncher() throws IOException {
        Path chosen = jdk("opt/chosen-17", "17.0.1");

        assertThat(NodeJdk.find(search(chosen.toString(), jdk("current-17", "17.0.15"), null)).home())
                .isEqualTo(chosen);
        assertThat(NodeJdk.find(search(chosen.resolve("bin/java").toString(), jdk("current-25", "25"), null)).home())
                .isEqualTo(chosen);
    }

    @Test
    void anExplicitJdkOfAnotherVersionIsAnErrorNotAFallback() throws IOException {
        Path twentyFive = jdk("opt/jdk-25", "25.0.3");

        assertThatThrownBy(() -> NodeJdk.find(search(twentyFive.toString(), jdk("current", "17.0.15"), null)))
                .isInstanceOf(CompatibleJdkNotFoundException.class)
                .hasMessage("The system property casspool.cassandra.java-home is " + twentyFive + ", a JDK 25, but"
                        + " Cassandra 3.11 runs on a JDK 17: point it at the home directory of one.");
    }

    @Test
    void anExplicitDirectoryThatIsNoJdkIsAnError() throws IOException {
        Path empty = Files.createDirectories(machine.resolve("not-a-jdk"));

        assertThatThrownBy(() -> NodeJdk.find(search(empty.toString(), jdk("current", "17"), null)))
                .isInstanceOf(CompatibleJdkNotFoundException.class)
                .hasMessageContaining("casspool.cassandra.java-home is " + empty + ", which is not a JDK")
                .hasMessageContaining("JDK 17");
    }

    @Test
    void explainsInOneLineWhereItLookedAndHowToPointAtAJdk() throws IOException {
        Path jvm = Files.createDirectories(machine.resolve("usr/lib/jvm"));
        jdk("usr/lib/jvm/temurin-25-jdk-amd64", "25.0.3");

        assertThatThrownBy(() -> NodeJdk.find(search(null, jdk("current", "25.0.3"), jdk("java-home", "25"), jvm,
                machine.resolve("absent"))))
                .isInstanceOf(CompatibleJdkNotFoundException.class)
                .hasMessage("Cassandra 3.11 needs a JDK 17 and this JVM is JDK 25 (JDK 24 and later removed the"
                        + " security manager that Cassandra installs); none was found in JAVA_HOME, " + jvm + ", "
                        + machine.resolve("absent") + ". Install a JDK 17, or set the system property"
                        + " casspool.cassandra.java-home or the environment variable CASSPOOL_CASSANDRA_JAVA_HOME to"
                        + " its home directory.");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"17.0.15, 17", "1.8.0_392, 8", "11.0.20.1, 11", "25, 25", "21-ea, 21"})
    void readsTheFeatureVersionFromTheReleaseFile(String version, int feature) throws IOException {
        assertThat(NodeJdk.featureVersion(jdk("jdk", version))).hasValue(feature);
    }

    @Test
    void aDirectoryWithoutALauncherHasNoVersion() throws IOException {
        Path jre = jdk("jdk", "17.0.15");
        Files.delete(jre.resolve("bin/java"));

        assertThat(NodeJdk.featureVersion(jre)).isEmpty();
    }

    /** This machine has a JDK 17 (it is the project's build JDK), whichever JVM runs the tests. */
    @Test
    void findsAJdk17OnThisMachine() {
        NodeJdk jdk = NodeJdk.find();

        assertThat(jdk.feature()).isEqualTo(17);
        assertThat(jdk.java()).isExecutable();
        assertThat(jdk.isCurrent()).isEqualTo(Runtime.version().feature() == 17);
    }

    private NodeJdk.Search search(String explicit, Path current, Path javaHome, Path... installRoots) {
        return new NodeJdk.Search(explicit, "The system property " + NodeJdk.PROPERTY, current, javaHome,
                List.of(installRoots));
    }

    /** A directory laid out as a JDK home of {@code version}. */
    private Path jdk(String relativePath, String version) throws IOException {
        Path home = Files.createDirectories(machine.resolve(relativePath));
        Files.createDirectories(home.resolve("bin"));
        Files.createFile(home.resolve("bin/java"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
