package dev.casspool.autoconfigure;

import dev.casspool.ConnectionPool;
import dev.casspool.PoolListener;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * The {@link PoolListener} and {@link ConnectionPoolCustomizer} beans that apply to one of the starter's pools, in
 * {@link org.springframework.core.annotation.Order @Order}: every such bean without a {@link Qualifier @Qualifier},
 * and those whose {@code @Qualifier} names the pool (its bean name: the name of its {@code cassandra.pool.pools} entry,
 * or {@code cassandraConnectionPool} for the single pool). A qualifier that names no {@link ConnectionPool} bean at all
 * is a mistake, a misspelt pool name say, and fails the start instead of leaving the bean unused.
 */
final class PoolScopedBeans {

    private final ConfigurableListableBeanFactory beanFactory;

    PoolScopedBeans(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /** The listeners of the pool whose bean name is {@code pool}. */
    Stream<PoolListener> listeners(String pool) {
        return forPool(PoolListener.class, pool);
    }

    /** The customizers of the pool whose bean name is {@code pool}. */
    Stream<ConnectionPoolCustomizer> customizers(String pool) {
        return forPool(ConnectionPoolCustomizer.class, pool);
    }

    private <T> Stream<T> forPool(Class<T> type, String pool) {
        Set<Object> applicable = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String name : beanFactory.getBeanNamesForType(type)) {
            String target = targetPool(type, name);
            if (target == null || target.equals(pool)) {
                applicable.add(beanFactory.getBean(name));
            }
        }
        return beanFactory.getBeanProvider(type).orderedStream().filter(applicable::contains);
    }

    /** The pool that the bean {@code name} is qualified for, or null when it applies to every pool. */
    private String targetPool(Class<?> type, String name) {
        Qualifier qualifier = beanFactory.findAnnotationOnBean(name, Qualifier.class);
        if (qualifier == null || qualifier.value().isEmpty()) {
            return null;
        }
        String pool = qualifier.value();
        if (!beanFactory.containsBean(pool) || !beanFactory.isTypeMatch(pool, ConnectionPool.class)) {
            throw new IllegalStateException("The " + type.getSimpleName() + " bean '" + name + "' has @Qualifier(\""
                    + pool + "\"), but there is no ConnectionPool bean named '" + pool + "' for it to apply to."
                    + " ConnectionPool beans: " + Arrays.toString(beanFactory.getBeanNamesForType(ConnectionPool.class))
                    + ". Name one of them, or drop the qualifier to apply it to every pool.");
        }
        return pool;
    }
}
