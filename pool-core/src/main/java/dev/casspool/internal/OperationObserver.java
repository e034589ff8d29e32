package dev.casspool.internal;

/**
 * Observes the Thrift calls made on a pool's connections, one {@link Operation} per call. Free of Micrometer: a pool
 * built without an {@code ObservationRegistry} uses {@link #NONE}, which allocates nothing and never loads Micrometer's
 * classes; {@link ObservedOperations} is the one that observes.
 */
public interface OperationObserver {

    /** Observes nothing. */
    OperationObserver NONE = (method, server) -> Operation.NONE;

    /**
     * Starts observing a call.
     *
     * @param method the Thrift method, such as {@code get_slice}
     * @param server the server the call starts on
     * @return the call's observation, to be stopped when it ends
     */
    Operation start(String method, Server server);

    /** Makes the observer of a pool once the pool has its name. */
    @FunctionalInterface
    interface Factory {

        /** The factory of pools that observe nothing. */
        Factory NONE = (poolName, keyspace) -> OperationObserver.NONE;

        /** The observer of the calls of pool {@code poolName}, whose connections use {@code keyspace}. */
        OperationObserver forPool(String poolName, String keyspace);
    }

    /** One observed call. */
    interface Operation {

        /** A call that nobody observes. */
        Operation NONE = new Operation() {
            @Override
            public void retried(Server failed, Server next, Throwable failure) {
            }

            @Override
            public void stop(Server server, Throwable failure) {
            }
        };

        /** The call failed on {@code failed} with {@code failure}, and is tried again on {@code next}. */
        void retried(Server failed, Server next, Throwable failure);

        /**
         * The call ended, on {@code server}.
         *
         * @param failure what it threw, or null when it returned
         */
        void stop(Server server, Throwable failure);
    }
}
