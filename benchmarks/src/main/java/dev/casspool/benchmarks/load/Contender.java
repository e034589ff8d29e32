package dev.casspool.benchmarks.load;

import org.apache.thrift.TException;

/** One side of the end-to-end comparison: how the load threads reach Cassandra. */
interface Contender extends AutoCloseable {

    /** {@code baseline} or {@code pool}, for the report. */
    String name();

    /**
     * What load thread {@code index} (from 0) runs for each operation. Everything a step needs is made here, so
     * that running it allocates nothing on the harness's side.
     */
    Step step(int index, ThriftOperation operation);

    /**
     * What happened inside the side since the last call, for the round's line (the pool's waits and replacements),
     * or an empty string.
     */
    default String roundNotes() {
        return "";
    }

    /** Closes the side's connections. */
    @Override
    void close();

    /** One operation of one load thread. */
    @FunctionalInterface
    interface Step {

        /** Makes the request. */
        void run() throws TException;
    }
}
