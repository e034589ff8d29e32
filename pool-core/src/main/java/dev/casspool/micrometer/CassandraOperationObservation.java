package dev.casspool.micrometer;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of a Thrift call through a pool built with an {@code ObservationRegistry}: one per call of a
 * {@code ConnectionWrapper} method, whether the application makes it on a checked-out connection, inside
 * {@code ConnectionPool.execute} or through {@code ColumnFamily}; its retries on other servers are events of it.
 */
public enum CassandraOperationObservation implements ObservationDocumentation {

    /** A Thrift call, from its first attempt to its result or its last failure. */
    OPERATION {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultCassandraOperationObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeyNames.values();
        }

        @Override
        public Observation.Event[] getEvents() {
            return Events.values();
        }
    };

    /** The low-cardinality keys of the default convention (OpenTelemetry's names for database client calls). */
    public enum LowCardinalityKeyNames implements KeyName {

        /** The database system: {@code cassandra}. */
        DB_SYSTEM_NAME("db.system.name"),
        /** The Thrift method called, such as {@code get_slice} or {@code batch_mutate}. */
        DB_OPERATION_NAME("db.operation.name"),
        /** The keyspace of the pool's connections. */
        DB_NAMESPACE("db.namespace"),
        /** The host of the server the call ran on, after any failover. */
        SERVER_ADDRESS("server.address"),
        /** The Thrift port of that server. */
        SERVER_PORT("server.port"),
        /** {@code SUCCESS} or {@code ERROR}, once the call has ended. */
        OUTCOME("outcome"),
        /** The class name of the exception the call ended with, or {@code none}, once the call has ended. */
        ERROR_TYPE("error.type");

        private final String key;

        LowCardinalityKeyNames(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }

    /** What happens during a call. */
    public enum Events implements Observation.Event {

        /**
         * The call failed on one server in a way another server may not (Cassandra timed out or lacked replicas, or
         * the connection failed), and is tried again on a connection to the next server; the event's contextual name
         * says where and why.
         */
        RETRY;

        @Override
        public String getName() {
            return "retry";
        }

        @Override
        public String getContextualName() {
            return "retry";
        }
    }
}
