package dev.casspool;

import dev.casspool.embedded.EmbeddedCassandra;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The 3-node ring of the fault and soak tests. Cassandra's own request timeouts sit below the pools' socket timeouts,
 * as they should in production: a coordinator waiting for a dead replica then answers TimedOut (retried elsewhere,
 * the coordinator not blamed) before the client's socket gives up on it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EmbeddedCassandra(nodes = 3, name = "faults", yaml = {"read_request_timeout_in_ms=500",
        "range_request_timeout_in_ms=500", "write_request_timeout_in_ms=500", "request_timeout_in_ms=800"})
@interface FaultRing {
}
