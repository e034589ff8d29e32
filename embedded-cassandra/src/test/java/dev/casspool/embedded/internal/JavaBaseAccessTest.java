package dev.casspool.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module flags of a node's JVM come from the node's own JDK. */
class JavaBaseAccessTest {

    /** Read as another JDK's image is read, this JVM's image gives the packages its module layer has. */
    @Test
    void readsTheJavaBasePackagesOfAJdkFromItsImage() {
        Path home = Path.of(System.getProperty("java.home"));

        assertThat(JavaBaseAccess.javaBasePackages(home)).contains("java.lang", "sun.nio.ch", "jdk.internal.misc")
                .containsExactlyInAnyOrderElementsOf(ModuleLayer.boot().findModule("java.base").orElseThrow()
                        .getDescriptor().packages());
    }

    @Test
    void opensAndExportsEveryPackage() {
        NodeJdk jdk = NodeJdk.find();

        assertThat(JavaBaseAccess.flags(jdk)).containsSubsequence("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED")
                .contains("java.rmi/sun.rmi.registry=ALL-UNNAMED");
    }
}
