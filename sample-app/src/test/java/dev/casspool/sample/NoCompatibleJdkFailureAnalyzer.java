package dev.casspool.sample;

import dev.casspool.embedded.CompatibleJdkNotFoundException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing JDK for the development node ({@link DevelopmentCassandra}) into Spring Boot's short "APPLICATION
 * FAILED TO START" report (the exception's one line and what to do), instead of a stack trace: it is what a user meets
 * who runs {@code spring-boot:test-run} on a JDK that Cassandra 3.11 cannot run on, such as 25, with no JDK 17
 * installed. Registered in the tests' {@code META-INF/spring.factories}, where the development node is.
 */
class NoCompatibleJdkFailureAnalyzer extends AbstractFailureAnalyzer<CompatibleJdkNotFoundException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CompatibleJdkNotFoundException cause) {
        return new FailureAnalysis(cause.getMessage(), "Install a JDK 17 or point casspool.cassandra.java-home at one,"
                + " as described above; or run the application with spring-boot:run and cassandra.pool.server-list"
                + " naming a running Cassandra cluster instead of the embedded node.", cause);
    }
}
