package dev.casspool.autoconfigure;

import dev.casspool.autoconfigure.CassandraPoolProperties.Ssl;
import java.util.List;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * The connection details of one pool's {@code cassandra.pool.*} keys: the default when the application defines no
 * {@link CassandraPoolConnectionDetails} bean. TLS follows Spring Boot's rule for its own clients: on when
 * {@code ssl.enabled} is true, or when it is unset and {@code ssl.bundle} names a bundle; with no bundle, the JVM's
 * default trust store decides.
 */
final class PropertiesCassandraPoolConnectionDetails implements CassandraPoolConnectionDetails {

    private final String prefix;
    private final CassandraPoolProperties properties;
    private final SslBundles sslBundles;

    /**
     * Creates the details.
     *
     * @param prefix the pool's property prefix, with the trailing dot, for error messages
     * @param properties the pool's settings
     * @param sslBundles the application's SSL bundles, or {@code null} when it has none
     */
    PropertiesCassandraPoolConnectionDetails(String prefix, CassandraPoolProperties properties, SslBundles sslBundles) {
        this.prefix = prefix;
        this.properties = properties;
        this.sslBundles = sslBundles;
    }

    /** The details of the named pool {@code name}, whose settings are {@code pool}. */
    PropertiesCassandraPoolConnectionDetails forPool(String name, CassandraPoolProperties pool) {
        return new PropertiesCassandraPoolConnectionDetails(NamedPools.prefix(name), pool, sslBundles);
    }

    @Override
    public List<String> getServerList() {
        return properties.serverList();
    }

    @Override
    public String getUsername() {
        return properties.username();
    }

    @Override
    public String getPassword() {
        return properties.password();
    }

    /**
     * The bundle that {@code ssl.bundle} names, the JVM's defaults when TLS is enabled without one, or null.
     *
     * @throws InvalidConfigurationPropertyValueException when {@code ssl.bundle} names no configured bundle
     */
    @Override
    public SslBundle getSslBundle() {
        Ssl ssl = properties.ssl();
        boolean hasBundle = StringUtils.hasText(ssl.bundle());
        if (!(ssl.enabled() != null ? ssl.enabled() : hasBundle)) {
            return null;
        }
        if (!hasBundle) {
            return SslBundle.systemDefault();
        }
        String bundle = ssl.bundle();
        List<String> configured = sslBundles == null ? List.of() : sslBundles.getBundleNames();
        if (!configured.contains(bundle)) {
            throw new InvalidConfigurationPropertyValueException(prefix + "ssl.bundle", bundle, "No SSL bundle named '"
                    + bundle + "' is configured (configured: " + configured + "); define it with"
                    + " spring.ssl.bundle.jks." + bundle + ".* or spring.ssl.bundle.pem." + bundle + ".*.");
        }
        return sslBundles.getBundle(bundle);
    }
}
