package dev.casspool.sample;

import dev.casspool.embedded.CompatibleJdkNotFoundException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing JDK for the embedded node into Spring Boot's short "APPLICATION FAILED TO START" report (the
 * exception's one line and what to do), instead of a stack trace: it is what a user meets who runs the sample app on a
 * JDK that Cassandra 3.11 cannot run on, such as 25, with no JDK 17 installed.
 */
class NoCompatibleJdkFailureAnalyzer extends AbstractFailureAnalyzer<CompatibleJdkNotFoundException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CompatibleJdkNotFoundException cause) {
        return new FailureAnalysis(cause.getMessage(), "Install a JDK 17 or point casspool.cassandra.java-home at one,"
                + " as described above; or set cassandra.pool.server-list to use a running Cassandra cluster instead"
                + " of the embedded node.", cause);
    }
}
