package dev.casspool.autoconfigure;

import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The pools configured under {@code cassandra.pool.pools.<name>}: when there are any, the starter builds one pool bean
 * per name and none from the top-level keys, which then only give the named pools their defaults.
 */
final class NamedPools {

    /** Where the named pools are configured. */
    static final String PROPERTY = "cassandra.pool.pools";

    private NamedPools() {
    }

    /** The names of the configured pools, in the order the binder finds them; empty when there are none. */
    static Set<String> names(Environment environment) {
        return Binder.get(environment).bind(PROPERTY, Bindable.mapOf(String.class, Object.class))
                .map(Map::keySet).orElse(Set.of());
    }

    /** The property prefix of the pool {@code name}, with the trailing dot. */
    static String prefix(String name) {
        return PROPERTY + "." + name + ".";
    }

    /** Matches when {@code cassandra.pool.pools} names at least one pool. */
    static final class Configured extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Set<String> names = names(context.getEnvironment());
            return names.isEmpty() ? ConditionOutcome.noMatch(PROPERTY + " names no pool")
                    : ConditionOutcome.match(PROPERTY + " names the pools " + names);
        }
    }

    /** Matches when {@code cassandra.pool.pools} names no pool: the single pool of the top-level keys. */
    static final class NotConfigured extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionOutcome configured = new Configured().getMatchOutcome(context, metadata);
            return new ConditionOutcome(!configured.isMatch(), configured.getConditionMessage());
        }
    }
}
