package dev.casspool.sample;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code cassandra.pool.server-list} is not set in any form. The binder is asked rather than the
 * environment, because a YAML list ({@code server_list: [a, b]}) arrives as indexed keys that a plain property lookup
 * does not see.
 */
class NoServerListCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean set = Binder.get(context.getEnvironment())
                .bind("cassandra.pool.server-list", Bindable.listOf(String.class)).isBound();
        return set ? ConditionOutcome.noMatch("cassandra.pool.server-list is set")
                : ConditionOutcome.match("cassandra.pool.server-list is not set");
    }
}
