package dev.casspool.sample;

import org.springframework.boot.SpringApplication;

/**
 * The sample application with a Cassandra node of its own ({@link DevelopmentCassandra}), for development on a machine
 * with nothing installed: {@code mvn -q -pl sample-app spring-boot:test-run}, as Spring Boot runs an application with
 * its development services from the tests.
 */
public final class TestSampleApplication {

    private TestSampleApplication() {
    }

    /**
     * Starts the application and the node.
     *
     * @param args Spring Boot arguments
     */
    public static void main(String[] args) {
        SpringApplication.from(SampleApplication::main).with(DevelopmentCassandra.class).run(args);
    }
}
