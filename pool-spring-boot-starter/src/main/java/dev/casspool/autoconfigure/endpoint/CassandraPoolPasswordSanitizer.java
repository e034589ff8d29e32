package dev.casspool.autoconfigure.endpoint;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the pools' passwords ({@link PoolPasswordKeys}) in Actuator's {@code configprops} and {@code env} endpoints,
 * also when they are set to show values ({@code show-values: always}), which Spring Boot applies sanitizing functions
 * to.
 */
final class CassandraPoolPasswordSanitizer implements SanitizingFunction {

    @Override
    public SanitizableData apply(SanitizableData data) {
        return PoolPasswordKeys.isPassword(data.getKey()) ? data.withSanitizedValue() : data;
    }
}
