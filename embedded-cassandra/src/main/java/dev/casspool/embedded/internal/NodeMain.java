package dev.casspool.embedded.internal;

import java.io.IOException;
import java.util.Arrays;

/**
 * Entry point of a node's JVM: starts a watch on the parent, then runs Cassandra's own main class.
 *
 * <p>The parent keeps the write end of this process's standard input open for as long as it lives. When the parent
 * dies, even by SIGKILL, the operating system closes that pipe, the watch reads end-of-file, removes the node's
 * temporary directory (if it was given one) and halts this JVM. This is how a killed test JVM cannot leave a Cassandra
 * process or its data behind.
 *
 * <p>This class is copied as a single class file into the node's directory and put on the node's classpath, so it
 * must use nothing but the JDK and must not have nested or anonymous classes.
 */
public final class NodeMain {

    /** System property naming a directory to delete when the parent dies; absent for persistent nodes. */
    public static final String DELETE_ON_ORPHAN = "casspool.embedded.deleteOnOrphan";

    private NodeMain() {
    }

    /**
     * Runs the node.
     *
     * @param args the main class to run (Cassandra's daemon), then its arguments
     * @throws Throwable whatever the main class throws
     */
    public static void main(String[] args) throws Throwable {
        Thread watch = new Thread(NodeMain::awaitParentDeath, "casspool-parent-watch");
        watch.setDaemon(true);
        watch.start();
        Class.forName(args[0]).getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void awaitParentDeath() {
        try {
            while (System.in.read() != -1) {
                // The parent never writes; anything read is ignored.
            }
        } catch (IOException closed) {
            // A broken pipe means the same as end-of-file: the parent is gone.
        }
        String directory = System.getProperty(DELETE_ON_ORPHAN);
        if (directory != null) {
            scheduleDeletionAfterExit(directory);
        }
        // halt, not exit: Cassandra's shutdown hooks would drain and flush data nobody will read.
        Runtime.getRuntime().halt(3);
    }

    /**
     * Deletes the directory from a small shell once this JVM is gone: deleting it from here would race with
     * Cassandra's threads, which keep writing until the halt. The wait is bounded in case nobody reaps this process.
     */
    private static void scheduleDeletionAfterExit(String directory) {
        String script = "pid=$1; dir=$2; i=0;"
                + " while [ $i -lt 300 ] && kill -0 \"$pid\" 2>/dev/null"
                + " && ! grep -qs '^State:[[:space:]]*Z' \"/proc/$pid/status\"; do sleep 0.1; i=$((i+1)); done;"
                + " rm -rf -- \"$dir\"";
        try {
            new ProcessBuilder("sh", "-c", script, "casspool-cleanup", Long.toString(ProcessHandle.current().pid()),
                    directory).inheritIO().start();
        } catch (IOException e) {
            System.err.println("casspool: cannot schedule deletion of " + directory + ": " + e);
        }
    }
}
