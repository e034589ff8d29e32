package dev.casspool.benchmarks.load;

import java.lang.management.ManagementFactory;

/**
 * This process's CPU time, all threads together. Cassandra runs in its own JVM (embedded or not), so this is the
 * client's cost alone: what the pool adds to a request shows here even when the network hides it in throughput.
 */
final class ProcessCpu {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {
    }

    /** CPU time used by this process so far, in nanoseconds. */
    static long nanos() {
        return OS.getProcessCpuTime();
    }
}
