package dev.casspool.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Without a JDK that can run the development node (as on a machine with only JDK 25), the development run
 * ({@link TestSampleApplication}) stops with Spring Boot's short failure report, which says which JDK is needed and
 * how to point at one, and no stack trace.
 */
@Tag("boot-lines")
@ExtendWith(OutputCaptureExtension.class)
class NoCompatibleJdkTest {

    private static final String JAVA_HOME_PROPERTY = "casspool.cassandra.java-home";

    @Test
    void saysWhichJdkTheEmbeddedNodeNeedsAndHowToPointAtOne(@TempDir Path notAJdk, CapturedOutput output) {
        String previous = System.setProperty(JAVA_HOME_PROPERTY, notAJdk.toString());
        try {
            assertThatThrownBy(() -> SpringApplication.from(SampleApplication::main).with(DevelopmentCassandra.class)
                    .run("--spring.main.web-application-type=none")).isNotNull();
        } finally {
            if (previous == null) {
                System.clearProperty(JAVA_HOME_PROPERTY);
            } else {
                System.setProperty(JAVA_HOME_PROPERTY, previous);
            }
        }

        assertThat(output).contains("APPLICATION FAILED TO START",
                JAVA_HOME_PROPERTY + " is " + notAJdk + ", which is not a JDK",
                "point it at the home directory of a JDK 17", "Action:", "cassandra.pool.server-list")
                .doesNotContain("\tat dev.casspool");
    }
}
