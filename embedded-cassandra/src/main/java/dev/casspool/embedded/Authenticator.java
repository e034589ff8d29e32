package dev.casspool.embedded;

/** How a node authenticates Thrift clients. */
public enum Authenticator {

    /** No login needed. */
    ALLOW_ALL("org.apache.cassandra.auth.AllowAllAuthenticator", "org.apache.cassandra.auth.AllowAllAuthorizer"),

    /**
     * Thrift {@code login} with a role's name and password, and permissions checked. The superuser
     * {@value #SUPERUSER}/{@value #SUPERUSER_PASSWORD} exists once the node has started.
     */
    PASSWORD("org.apache.cassandra.auth.PasswordAuthenticator", "org.apache.cassandra.auth.CassandraAuthorizer");

    /** Name of the superuser that Cassandra creates on a fresh ring with password authentication. */
    public static final String SUPERUSER = "cassandra";

    /** Password of {@link #SUPERUSER}. */
    public static final String SUPERUSER_PASSWORD = "cassandra";

    private final String className;
    private final String authorizerClassName;

    Authenticator(String className, String authorizerClassName) {
        this.className = className;
        this.authorizerClassName = authorizerClassName;
    }

    /** The value of {@code authenticator} in cassandra.yaml. */
    public String className() {
        return className;
    }

    /** The value of {@code authorizer} in cassandra.yaml that goes with this authenticator. */
    public String authorizerClassName() {
        return authorizerClassName;
    }
}
