package dev.casspool.embedded;

import dev.casspool.embedded.internal.Directories;
import dev.casspool.embedded.internal.FreePorts;
import dev.casspool.embedded.internal.GossipLog;
import dev.casspool.embedded.internal.LiveProcesses;
import dev.casspool.embedded.internal.NodeConfig;
import dev.casspool.embedded.internal.NodeLauncher;
import dev.casspool.embedded.internal.RackDcFile;
import dev.casspool.embedded.internal.ServerClasspath;
import dev.casspool.embedded.internal.Signals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.cassandra.thrift.TokenRange;
import org.apache.thrift.TException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Apache Cassandra 3.11 node with Thrift enabled, running in its own JVM on a loopback address.
 *
 * <p>The node's JVM dies with this one: a shutdown hook kills it on a normal exit, and the node itself watches this JVM
 * and halts (deleting its temporary directory) when this JVM is killed. {@link #close()} kills it and deletes its
 * temporary directory.
 *
 * <pre>{@code
 * try (CassandraNode node = CassandraNode.builder().build().start()) {
 *     node.schema().createKeyspace("Keyspace1", 1, "Standard1");
 *     String address = node.thriftAddress();   // "127.0.0.1:41234"
 * }
 * }</pre>
 */
public final class CassandraNode implements AutoCloseable {

    /** The datacenter that {@code SimpleSnitch}, used unless a datacenter is set, puts every node in. */
    public static final String SIMPLE_SNITCH_DATACENTER = "datacenter1";

    /** The rack that {@code SimpleSnitch}, used unless a datacenter is set, puts every node in. */
    public static final String SIMPLE_SNITCH_RACK = "rack1";

    private static final Logger log = LoggerFactory.getLogger(CassandraNode.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration GRACEFUL_STOP_TIMEOUT = Duration.ofSeconds(60);
    /** describe_ring needs a keyspace that is not node-local; this one exists on every node from its first start. */
    private static final String RING_KEYSPACE = "system_auth";

    private final NodeConfig config;
    private Process process;
    private long logOffsetAtStart;
    private LiveProcesses.Registration registration;
    private boolean paused;
    private boolean closed;

    private CassandraNode(NodeConfig config) {
        this.config = config;
    }

    /** Returns a builder with test defaults: 127.0.0.1, free ports, 512 MB heap, a temporary directory. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the node and blocks until it answers Thrift ({@code describe_version}, and with password authentication a
     * superuser {@code login}).
     *
     * @return this node
     * @throws CassandraStartException when the node exits or does not answer within the start timeout; the node is
     *     killed and the message holds the tail of its log
     * @throws IllegalStateException when the node is running or closed
     */
    public synchronized CassandraNode start() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        if (isRunning()) {
            throw new IllegalStateException(this + " is already running");
        }
        String classpath = ServerClasspath.read();
        log.info("Starting {} in {}", this, config.directory());
        long began = System.nanoTime();
        logOffsetAtStart = GossipLog.size(logFile());
        try {
            process = NodeLauncher.launch(config, classpath);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the JVM of " + this, e);
        }
        registration = LiveProcesses.register(process, this::deleteTemporaryDirectory);
        paused = false;
        try {
            awaitThrift();
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
        log.info("{} answers Thrift after {} ms", this, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        return this;
    }

    private void awaitThrift() {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        Exception lastFailure = null;
        while (true) {
            if (!process.isAlive()) {
                throw new CassandraStartException(this + " exited with code " + process.exitValue() + " while starting",
                        logTail(), lastFailure);
            }
            try (ThriftConnection connection = openConnection(PROBE_TIMEOUT)) {
                connection.client().describe_version();
                return;
            } catch (TException e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new CassandraStartException(this + " did not answer Thrift within " + config.startTimeout(),
                        logTail(), lastFailure);
            }
            awaitExit(Duration.ofMillis(200));
        }
    }

    /** Stops the node gracefully (SIGTERM, then SIGKILL if it has not exited after a minute); data is kept. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        if (paused) {
            resume();
        }
        log.info("Stopping {}", this);
        // SIGTERM through the handle: Process.destroy() would also close the node's standard input, which the node
        // takes for its parent's death (see NodeMain) and halts at once instead of draining.
        process.toHandle().destroy();
        if (!awaitExit(GRACEFUL_STOP_TIMEOUT)) {
            log.warn("{} did not stop within {}; killing it", this, GRACEFUL_STOP_TIMEOUT);
            kill();
        }
        exited();
    }

    /** Kills the node with SIGKILL, as a crash would (also when paused); data is kept, unflushed writes are in the commit log. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        log.info("Killing {}", this);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing " + this, e);
        }
        exited();
    }

    /** Stops the node if it runs, then starts it again with the same ports and data. */
    public synchronized CassandraNode restart() {
        stop();
        return start();
    }

    /**
     * Freezes the node's JVM with SIGSTOP, to simulate a hung server: its sockets still accept connections, but no
     * request is answered until {@link #resume()}. Returns once every thread of the JVM has stopped, so a request sent
     * after this call is never served before the resume.
     */
    public synchronized void pause() {
        requireRunning();
        Signals.stop(process.pid());
        paused = true;
    }

    /** Lets a paused node run again (SIGCONT). */
    public synchronized void resume() {
        requireRunning();
        Signals.resume(process.pid());
        paused = false;
    }

    /** Kills the node if it runs, and deletes its directory if it was a temporary one. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (config.temporaryDirectory()) {
            kill();
        } else {
            stop();
        }
        deleteTemporaryDirectory();
    }

    /** Whether the node's JVM is alive (paused or not). */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Whether the node is frozen by {@link #pause()}. */
    public synchronized boolean isPaused() {
        return paused && isRunning();
    }

    /** The process id of the node's JVM. */
    public synchronized long pid() {
        requireRunning();
        return process.pid();
    }

    /** The Thrift endpoint as {@code "host:port"}. */
    public String thriftAddress() {
        return config.address() + ":" + config.thriftPort();
    }

    /** The node's loopback address (listen and rpc address). */
    public String address() {
        return config.address();
    }

    /** The Thrift port. */
    public int thriftPort() {
        return config.thriftPort();
    }

    /** The internode (storage) port. */
    public int storagePort() {
        return config.storagePort();
    }

    /** The JMX port; Cassandra binds it to 127.0.0.1 only, whatever the node's address. */
    public int jmxPort() {
        return config.jmxPort();
    }

    /**
     * The node's datacenter as Cassandra reports it ({@code describe_ring}'s {@code endpoint_details}): the one
     * given to {@link Builder#datacenter(String, String)}, else {@value #SIMPLE_SNITCH_DATACENTER}.
     */
    public String datacenter() {
        return config.datacenter() == null ? SIMPLE_SNITCH_DATACENTER : config.datacenter();
    }

    /** The node's rack as Cassandra reports it: the one given to the builder, else {@value #SIMPLE_SNITCH_RACK}. */
    public String rack() {
        return config.rack() == null ? SIMPLE_SNITCH_RACK : config.rack();
    }

    /** How clients authenticate with this node. */
    public Authenticator authenticator() {
        return config.authenticator();
    }

    /** TLS settings of the Thrift port, or null when it takes plain sockets. */
    public ClientTls clientTls() {
        return config.clientTls();
    }

    /** Where the node keeps its configuration ({@code conf/}), log ({@code logs/}) and data. */
    public Path directory() {
        return config.directory();
    }

    /** The node's log file. */
    public Path logFile() {
        return NodeLauncher.logFile(config.directory());
    }

    /** The last 40 lines of the node's log. */
    public String logTail() {
        return NodeLauncher.logTail(config.directory(), 40);
    }

    /**
     * Opens a Thrift connection to this node, with TLS when the node requires it and logged in as the superuser when
     * it uses password authentication.
     */
    public ThriftConnection openConnection(Duration timeout) throws TException {
        ClientTls tls = config.clientTls();
        ThriftConnection connection = tls == null
                ? ThriftConnection.open(config.address(), config.thriftPort(), timeout)
                : ThriftConnection.openTls(thriftAddress(), timeout, tls.keystore(), tls.keystorePassword());
        if (config.authenticator() == Authenticator.PASSWORD) {
            try {
                connection.login(Authenticator.SUPERUSER, Authenticator.SUPERUSER_PASSWORD);
            } catch (TException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    /**
     * The peers that this node's failure detector considers up since the node last started, as its gossiper logs them.
     * A killed or paused peer leaves this set only once it is convicted, some seconds later.
     */
    public synchronized Set<String> livePeers() {
        return GossipLog.livePeers(logFile(), logOffsetAtStart);
    }

    /**
     * Opens a JMX connection to this node, for what Thrift does not offer (ring states, decommission, where a key's
     * replicas are).
     */
    public JmxConnection openJmx() {
        requireRunning();
        return JmxConnection.open(config.jmxPort());
    }

    /**
     * The ring's members as this node's {@code describe_ring} lists them ({@code rpc_endpoints}): nodes that own
     * tokens, the NORMAL and the LEAVING ones, up or down; a joining node only once it is NORMAL.
     */
    public Set<String> ringMembers() throws TException {
        Set<String> members = new TreeSet<>();
        try (ThriftConnection connection = openConnection(PROBE_TIMEOUT)) {
            for (TokenRange range : connection.client().describe_ring(RING_KEYSPACE)) {
                members.addAll(range.getRpc_endpoints());
            }
        }
        return members;
    }

    /** A schema helper that changes schema through this node. */
    public ThriftSchema schema() {
        return new ThriftSchema(List.of(this));
    }

    @Override
    public String toString() {
        return "Cassandra node " + thriftAddress();
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + this, e);
        }
    }

    private void exited() {
        paused = false;
        if (registration != null) {
            LiveProcesses.unregister(registration);
            registration = null;
        }
    }

    private void requireRunning() {
        if (!isRunning()) {
            throw new IllegalStateException(this + " is not running");
        }
    }

    private void deleteTemporaryDirectory() {
        if (config.temporaryDirectory()) {
            Directories.deleteRecursively(config.directory());
        }
    }

    /** Settings of a node; every setting has a test default. */
    public static final class Builder {

        private static final String LOOPBACK = "127.0.0.1";
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

        private String clusterName = "casspool-test";
        private String address = "127.0.0.1";
        private List<String> seeds;
        private int thriftPort;
        private int storagePort;
        private int nativeTransportPort;
        private int jmxPort;
        private String datacenter;
        private String rack;
        private int heapMegabytes = 512;
        private Path directory;
        private Authenticator authenticator = Authenticator.ALLOW_ALL;
        private ClientTls clientTls;
        private final Map<String, Object> yamlOverrides = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private Duration startTimeout = Duration.ofMinutes(3);

        private Builder() {
        }

        /** Name of the ring (default {@code casspool-test}). */
        public Builder clusterName(String clusterName) {
            this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
            return this;
        }

        /** Listen and rpc address; must be a loopback address (default {@code 127.0.0.1}). */
        public Builder address(String address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Seed addresses (default: this node's own address). */
        public Builder seeds(List<String> seeds) {
            this.seeds = List.copyOf(seeds);
            return this;
        }

        /** Thrift port (default 0: a free port). */
        public Builder thriftPort(int thriftPort) {
            this.thriftPort = thriftPort;
            return this;
        }

        /** Internode port (default 0: a free port). */
        public Builder storagePort(int storagePort) {
            this.storagePort = storagePort;
            return this;
        }

        /** CQL native protocol port (default 0: a free port). */
        public Builder nativeTransportPort(int nativeTransportPort) {
            this.nativeTransportPort = nativeTransportPort;
            return this;
        }

        /** JMX port on 127.0.0.1, distinct for every node of the machine (default 0: a free port). */
        public Builder jmxPort(int jmxPort) {
            this.jmxPort = jmxPort;
            return this;
        }

        /**
         * Places the node in a datacenter and rack, with {@code GossipingPropertyFileSnitch} (default: none, every node
         * in {@value #SIMPLE_SNITCH_DATACENTER}, {@value #SIMPLE_SNITCH_RACK} with {@code SimpleSnitch}). Every node of
         * a ring must use the same snitch.
         *
         * @param datacenter letters, digits, {@code _}, {@code -} or {@code .}
         * @param rack likewise
         */
        public Builder datacenter(String datacenter, String rack) {
            this.datacenter = requireName("datacenter", datacenter);
            this.rack = requireName("rack", rack);
            return this;
        }

        /** Heap of the node's JVM in megabytes (default 512). */
        public Builder heapMegabytes(int heapMegabytes) {
            this.heapMegabytes = heapMegabytes;
            return this;
        }

        /** A directory to keep the node's files in, kept after close (default: a temporary one, deleted on close). */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** How clients log in (default {@link Authenticator#ALLOW_ALL}). */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
            return this;
        }

        /** TLS on the Thrift port (default: none). */
        public Builder clientTls(ClientTls clientTls) {
            this.clientTls = clientTls;
            return this;
        }

        /** Sets a cassandra.yaml key, replacing the default if there is one. */
        public Builder yaml(String key, Object value) {
            yamlOverrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds an option to the node's JVM command line. */
        public Builder jvmOption(String option) {
            jvmOptions.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /** How long {@link CassandraNode#start()} waits for Thrift to answer (default 3 minutes). */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /**
         * Resolves the defaults (free ports, temporary directory) and returns the node, not yet started.
         *
         * @throws IllegalArgumentException when the address is not a loopback address or a number is out of range
         */
        public CassandraNode build() {
            requireLoopback(address);
            if (heapMegabytes < 128) {
                throw new IllegalArgumentException("heapMegabytes must be at least 128, was " + heapMegabytes);
            }
            List<String> ringSeeds = seeds == null ? List.of(address) : seeds;
            ringSeeds.forEach(Builder::requireLoopback);
            List<String> addresses = List.of(address);
            int thrift = thriftPort == 0 ? FreePorts.find(addresses) : requirePort("thriftPort", thriftPort);
            int storage = storagePort == 0 ? FreePorts.find(addresses) : requirePort("storagePort", storagePort);
            int sslStorage = FreePorts.find(addresses);
            int nativePort = nativeTransportPort == 0 ? FreePorts.find(addresses)
                    : requirePort("nativeTransportPort", nativeTransportPort);
            // Cassandra binds a local-only JMX port to 127.0.0.1 for every node, so each node needs a port of its own.
            int jmx = jmxPort == 0 ? FreePorts.find(List.of(LOOPBACK)) : requirePort("jmxPort", jmxPort);
            boolean temporary = directory == null;
            Path dir;
            try {
                dir = temporary ? Files.createTempDirectory("casspool-cassandra-") : Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the node's directory", e);
            }
            List<String> options = new ArrayList<>();
            options.add("-Dcassandra.jmx.local.port=" + jmx);
            if (datacenter != null) {
                options.add(RackDcFile.write(dir, datacenter, rack));
            }
            options.addAll(jvmOptions);
            return new CassandraNode(new NodeConfig(clusterName, address, ringSeeds, thrift, storage, sslStorage,
                    nativePort, jmx, heapMegabytes, dir, temporary, authenticator, clientTls, datacenter, rack,
                    Map.copyOf(yamlOverrides), List.copyOf(options), startTimeout));
        }

        static String requireName(String setting, String name) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(setting + " must be letters, digits, '_', '-' or '.', was "
                        + (name == null ? "null" : "'" + name + "'"));
            }
            return name;
        }

        private static int requirePort(String name, int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + " must be between 1 and 65535, was " + port);
            }
            return port;
        }

        private static void requireLoopback(String address) {
            try {
                if (!InetAddress.getByName(address).isLoopbackAddress()) {
                    throw new IllegalArgumentException("Only loopback addresses (127.x.x.x) may host test nodes, was "
                            + address);
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("Unknown address " + address, e);
            }
        }
    }
}
