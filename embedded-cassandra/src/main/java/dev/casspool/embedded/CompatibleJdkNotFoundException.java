package dev.casspool.embedded;

/**
 * No JDK that can run Cassandra 3.11 was found, or the one named by {@code casspool.cassandra.java-home} (or
 * {@code CASSPOOL_CASSANDRA_JAVA_HOME}) cannot. The message is one line: which JDK is needed, where it was looked for,
 * and how to point at one.
 */
public class CompatibleJdkNotFoundException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the one-line explanation
     */
    public CompatibleJdkNotFoundException(String message) {
        super(message);
    }
}
