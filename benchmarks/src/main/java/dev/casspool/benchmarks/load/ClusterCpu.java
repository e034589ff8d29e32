package dev.casspool.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CPU time of a Cassandra cluster's node processes on this machine, from {@code /proc/<pid>/stat} (user and system
 * time): what a request costs the cluster, where the coordinator's extra hop of a request sent to a node that is not
 * a replica shows.
 */
final class ClusterCpu {

    /** Clock ticks per second of {@code /proc} times ({@code getconf CLK_TCK}), 100 on Linux. */
    private static final long TICKS_PER_SECOND = 100;

    private final List<Long> pids;

    /** Reads the nodes with these process ids. */
    ClusterCpu(List<Long> pids) {
        this.pids = List.copyOf(pids);
    }

    /** Every Cassandra node process on this machine, found by its main class on its command line. */
    static ClusterCpu ofEveryLocalNode() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return new ClusterCpu(processes.filter(dir -> dir.getFileName().toString().matches("\\d+"))
                    .filter(ClusterCpu::isCassandraNode)
                    .map(dir -> Long.parseLong(dir.getFileName().toString())).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isCassandraNode(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline"))).contains("CassandraDaemon");
        } catch (IOException gone) {
            return false;
        }
    }

    /** How many node processes are read. */
    int nodes() {
        return pids.size();
    }

    /** The nodes' CPU time so far, in nanoseconds. */
    long nanos() {
        long ticks = 0;
        for (long pid : pids) {
            ticks += ticks(pid);
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    private static long ticks(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Fields after the command name (which may hold spaces, in parentheses): utime and stime are 14 and 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
