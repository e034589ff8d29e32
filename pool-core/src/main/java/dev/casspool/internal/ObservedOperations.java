package dev.casspool.internal;

import dev.casspool.InvalidSettingException;
import dev.casspool.micrometer.CassandraOperationContext;
import dev.casspool.micrometer.CassandraOperationObservation;
import dev.casspool.micrometer.DefaultCassandraOperationObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Makes each Thrift call of a pool a Micrometer {@link Observation} ({@link CassandraOperationObservation}), with its
 * retries as events. The only internal class that uses Micrometer: loaded only for a pool built with an
 * {@code ObservationRegistry}.
 */
public final class ObservedOperations implements OperationObserver {

    private final ObservationRegistry registry;
    private final String poolName;
    private final String keyspace;

    private ObservedOperations(ObservationRegistry registry, String poolName, String keyspace) {
        this.registry = registry;
        this.poolName = poolName;
        this.keyspace = keyspace;
    }

    /**
     * The factory of the observers of pools built with {@code registry}.
     *
     * @throws InvalidSettingException when {@code registry} is not an {@link ObservationRegistry}
     */
    public static Factory factory(Object registry) {
        if (!(registry instanceof ObservationRegistry observationRegistry)) {
            throw new InvalidSettingException("observationRegistry", registry.getClass().getName(),
                    "must be an " + ObservationRegistry.class.getName());
        }
        return (poolName, keyspace) -> new ObservedOperations(observationRegistry, poolName, keyspace);
    }

    @Override
    public Operation start(String method, Server server) {
        CassandraOperationContext context = new CassandraOperationContext(poolName, keyspace, method, server.host(),
                server.port());
        Observation observation = CassandraOperationObservation.OPERATION.observation(null,
                DefaultCassandraOperationObservationConvention.INSTANCE, () -> context, registry).start();
        return observation.isNoop() ? Operation.NONE : new Observed(observation, context);
    }

    /** A call observed in a registry. */
    private record Observed(Observation observation, CassandraOperationContext context) implements Operation {

        @Override
        public void retried(Server failed, Server next, Throwable failure) {
            context.setServer(next.host(), next.port());
            observation.event(Observation.Event.of(CassandraOperationObservation.Events.RETRY.getName(),
                    "retry on " + next + " after " + Failures.describe(failure) + " on " + failed));
        }

        @Override
        public void stop(Server server, Throwable failure) {
            context.setServer(server.host(), server.port());
            context.finished();
            if (failure != null) {
                observation.error(failure);
            }
            observation.stop();
        }
    }
}
