package dev.casspool.micrometer;

import dev.casspool.micrometer.CassandraOperationObservation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The key values of OpenTelemetry's semantic conventions for database client calls, where they fit a Thrift call:
 * {@code db.system.name} ({@code cassandra}), {@code db.operation.name} (the Thrift method), {@code db.namespace} (the
 * keyspace), {@code server.address} and {@code server.port} (where the call ran, after any failover), and once the
 * call has ended {@code outcome} ({@code SUCCESS} or {@code ERROR}) and {@code error.type} (the exception's class
 * name, or {@code none}, so that every timer of the observation has the same tags, as Prometheus needs). All are low
 * cardinality. The contextual name (a span's name) is {@code "<method> <keyspace>"}, such as
 * {@code "get_slice Keyspace1"}.
 */
public class DefaultCassandraOperationObservationConvention implements CassandraOperationObservationConvention {

    /** The observation's name: {@value}, the name of its timer. */
    public static final String NAME = "cassandra.pool.operation";

    /** The convention with its defaults. */
    public static final DefaultCassandraOperationObservationConvention INSTANCE =
            new DefaultCassandraOperationObservationConvention();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(CassandraOperationContext context) {
        return context.getOperation() + " " + context.getKeyspace();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(CassandraOperationContext context) {
        KeyValues call = KeyValues.of(LowCardinalityKeyNames.DB_SYSTEM_NAME.withValue("cassandra"),
                LowCardinalityKeyNames.DB_OPERATION_NAME.withValue(context.getOperation()),
                LowCardinalityKeyNames.DB_NAMESPACE.withValue(context.getKeyspace()),
                LowCardinalityKeyNames.SERVER_ADDRESS.withValue(context.getServerHost()),
                LowCardinalityKeyNames.SERVER_PORT.withValue(Integer.toString(context.getServerPort())));
        if (!context.isFinished()) {
            return call;
        }
        Throwable error = context.getError();
        return call.and(LowCardinalityKeyNames.OUTCOME.withValue(error == null ? "SUCCESS" : "ERROR"),
                LowCardinalityKeyNames.ERROR_TYPE.withValue(error == null ? "none" : error.getClass().getName()));
    }
}
