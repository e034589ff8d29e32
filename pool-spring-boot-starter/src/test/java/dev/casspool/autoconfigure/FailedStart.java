package dev.casspool.autoconfigure;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;

/**
 * Runs an application of the starter's pools and SSL bundles as Spring Boot runs one, failure analysis included, and
 * expects it to fail: what the user then reads is in the output, for {@code OutputCaptureExtension}.
 */
final class FailedStart {

    private FailedStart() {
    }

    /** Runs the application with {@code properties} ({@code key=value}) and expects it to fail to start. */
    static void run(String... properties) {
        String[] args = java.util.Arrays.stream(properties).map(property -> "--" + property).toArray(String[]::new);
        SpringApplication application = new SpringApplication(PoolApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run(args).close()).isNotNull();
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({SslAutoConfiguration.class, CassandraPoolAutoConfiguration.class})
    static class PoolApplication {
    }
}
