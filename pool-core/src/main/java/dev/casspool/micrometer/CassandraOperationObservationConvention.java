package dev.casspool.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names a {@link CassandraOperationObservation} and gives it its key values. To change them, extend
 * {@link DefaultCassandraOperationObservationConvention}, implement {@code GlobalObservationConvention} too, and
 * register it with the registry ({@code registry.observationConfig().observationConvention(...)}; Spring Boot
 * registers {@code GlobalObservationConvention} beans itself).
 */
public interface CassandraOperationObservationConvention extends ObservationConvention<CassandraOperationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof CassandraOperationContext;
    }
}
