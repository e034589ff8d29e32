package dev.casspool.autoconfigure;

import java.util.Set;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Makes the top-level {@code cassandra.pool.*} keys the defaults of every named pool: a property source, last in the
 * environment, that answers a key {@code cassandra.pool.pools.<name>.<key>} that nothing else sets with the value of
 * {@code cassandra.pool.<key>}, however that one is written (kebab-case, pycassa's underscores, an environment
 * variable). Spring Boot's binder then binds each named pool from the pool's own value first, the top-level value next
 * and the property's default last: key by key, a list as a whole (the first source that has elements wins), the
 * {@code ssl} keys each on its own.
 *
 * <p>{@code logging-name} is not inherited (each pool is named after its entry), nor {@code pools}. An inherited value
 * keeps the origin of the top-level one, so that a report of a bad value says where it was set.
 */
final class NamedPoolDefaults extends PropertySource<Object> implements OriginLookup<String> {

    private static final String NAME = "cassandraPoolNamedPoolDefaults";
    private static final ConfigurationPropertyName TOP_LEVEL = ConfigurationPropertyName.of("cassandra.pool");
    private static final ConfigurationPropertyName POOLS = ConfigurationPropertyName.of(NamedPools.PROPERTY);
    /** The keys that are not inherited, in their uniform form (lower case, no dashes), as relaxed binding compares. */
    private static final Set<String> NOT_INHERITED = Set.of("loggingname", "pools");

    /** Not the property source's source: Spring Boot would take an environment there for nested property sources. */
    private final ConfigurableEnvironment environment;

    private NamedPoolDefaults(ConfigurableEnvironment environment) {
        super(NAME);
        this.environment = environment;
    }

    /** Adds the defaults to {@code environment}, last, unless they are there already. */
    static void addTo(ConfigurableEnvironment environment) {
        MutablePropertySources sources = environment.getPropertySources();
        if (!sources.contains(NAME)) {
            sources.addLast(new NamedPoolDefaults(environment));
        }
    }

    @Override
    public Object getProperty(String name) {
        ConfigurationProperty inherited = inherited(name);
        return inherited == null ? null : inherited.getValue();
    }

    @Override
    public Origin getOrigin(String name) {
        ConfigurationProperty inherited = inherited(name);
        return inherited == null ? null : inherited.getOrigin();
    }

    /** The top-level property that the named pool's property {@code name} inherits, or null. */
    private ConfigurationProperty inherited(String name) {
        ConfigurationPropertyName topLevel = topLevelName(name);
        if (topLevel == null) {
            return null;
        }
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.getUnderlyingSource() != this) {
                ConfigurationProperty property = source.getConfigurationProperty(topLevel);
                if (property != null) {
                    return property;
                }
            }
        }
        return null;
    }

    /**
     * {@code cassandra.pool.<key>} for {@code cassandra.pool.pools.<name>.<key>}; null for any other name and for the
     * keys that are not inherited.
     */
    private static ConfigurationPropertyName topLevelName(String name) {
        if (!ConfigurationPropertyName.isValid(name)) {
            return null;
        }
        ConfigurationPropertyName property = ConfigurationPropertyName.of(name);
        int keyStart = POOLS.getNumberOfElements() + 1;
        if (!POOLS.isAncestorOf(property) || property.getNumberOfElements() <= keyStart
                || NOT_INHERITED.contains(property.getElement(keyStart, Form.UNIFORM))) {
            return null;
        }
        return TOP_LEVEL.append(property.subName(keyStart));
    }
}
