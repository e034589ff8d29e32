package dev.casspool.embedded;

import dev.casspool.embedded.internal.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.thrift.TException;

/**
 * A ring of N real Cassandra nodes on 127.0.0.1 .. 127.0.0.N, sharing one Thrift port and one storage port (Linux
 * routes all of 127/8 to loopback, so each node has an address of its own). The first node is the seed.
 *
 * <pre>{@code
 * try (CassandraCluster cluster = CassandraCluster.builder().size(3).build().start()) {
 *     cluster.schema().createKeyspace("Keyspace1", 3, "Standard1");
 *     List<String> servers = cluster.thriftAddresses();
 * }
 * }</pre>
 *
 * <p>Nodes can be spread over datacenters ({@code GossipingPropertyFileSnitch}), and the ring can grow and shrink
 * while it runs:
 *
 * <pre>{@code
 * try (CassandraCluster cluster = CassandraCluster.builder()
 *         .datacenter("dc1", 2).datacenter("dc2", 2).build().start()) {
 *     cluster.schema().createKeyspace("Keyspace1", Map.of("dc1", 2, "dc2", 2), "Standard1");
 *     CassandraNode joined = cluster.addNode("dc2");     // bootstraps, returns once every node sees it NORMAL
 *     cluster.decommission(cluster.node(0));              // streams its data away, leaves the ring, is stopped
 * }
 * }</pre>
 */
public final class CassandraCluster implements AutoCloseable {

    private static final int SETTLE_SECONDS = 120;
    private static final int MAX_NODES = 254;
    private static final Duration JOIN_RING_DELAY = Duration.ofSeconds(10);

    private final List<CassandraNode> nodes;
    private final NodeTemplate template;
    /** Nodes created so far in each datacenter, to give an added node a rack of its own. */
    private final Map<String, Integer> nodesPlaced;
    private int lastAddress;

    private CassandraCluster(List<CassandraNode> nodes, NodeTemplate template) {
        this.nodes = new CopyOnWriteArrayList<>(nodes);
        this.template = template;
        this.nodesPlaced = new HashMap<>();
        nodes.forEach(node -> nodesPlaced.merge(node.datacenter(), 1, Integer::sum));
        this.lastAddress = nodes.size();
    }

    /** Returns a builder; defaults: one node, password-less, 512 MB heap per node. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the seed, then the other nodes side by side, and waits until every node sees all of them live.
     *
     * @return this cluster
     * @throws CassandraStartException when a node does not start; all nodes are then killed
     */
    public CassandraCluster start() {
        try {
            nodes.get(0).start();
            forEachNodeInParallel(nodes.subList(1, nodes.size()), CassandraNode::start);
            awaitLiveNodes();
            awaitRingMembers();
        } catch (RuntimeException e) {
            nodes.forEach(CassandraNode::kill);
            throw e;
        }
        return this;
    }

    /**
     * Brings the ring back to full health after a test broke it: resumes paused nodes, waits until the others have
     * convicted the stopped or killed ones, starts those, and waits until every node sees all of them live. Does
     * nothing when all nodes are running.
     */
    public void ensureAllRunning() {
        nodes.stream().filter(CassandraNode::isPaused).forEach(CassandraNode::resume);
        List<CassandraNode> stopped = nodes.stream().filter(n -> !n.isRunning()).toList();
        if (!stopped.isEmpty()) {
            // Restart a node only once the others have convicted it, as an operator would. Restarted while a peer
            // still had it as up, and killed again seconds later, a node was never convicted by that peer (seen once
            // under CPU load: FailoverTest waited 120 s for it).
            awaitLiveNodes();
        }
        forEachNodeInParallel(stopped, CassandraNode::start);
        awaitLiveNodes();
    }

    /**
     * Waits until every running, unpaused node's failure detector sees exactly the other running, unpaused nodes as
     * up: after a start, or after a node was killed or paused, once the others have convicted it (about 14 s).
     *
     * @throws IllegalStateException when the ring does not settle within {@value #SETTLE_SECONDS} seconds
     */
    public void awaitLiveNodes() {
        awaitRing(() -> {
            Set<String> serving = new TreeSet<>();
            serving().forEach(n -> serving.add(n.address()));
            Map<String, Set<String>> views = new TreeMap<>();
            boolean settled = true;
            for (CassandraNode node : serving()) {
                Set<String> expected = new TreeSet<>(serving);
                expected.remove(node.address());
                Set<String> seen = node.livePeers();
                views.put(node.address(), seen);
                settled &= seen.equals(expected);
            }
            return settled ? null : "serving nodes " + serving + ", but each node sees these peers up: " + views;
        });
    }

    /**
     * Waits until every running, unpaused node's {@code describe_ring} lists exactly the nodes of this cluster
     * (stopped ones included: they still own their tokens) as {@code rpc_endpoints}: a joining node is listed once it
     * is NORMAL, a leaving one until it has left.
     *
     * @throws IllegalStateException when the ring does not settle within {@value #SETTLE_SECONDS} seconds
     */
    public void awaitRingMembers() {
        awaitRing(() -> {
            Set<String> members = new TreeSet<>();
            nodes.forEach(n -> members.add(n.address()));
            Map<String, Set<String>> views = new TreeMap<>();
            for (CassandraNode node : serving()) {
                views.put(node.address(), ringMembers(node));
            }
            boolean settled = views.values().stream().allMatch(members::equals);
            return settled ? null : "members " + members + ", but describe_ring on each node lists: " + views;
        });
    }

    /**
     * Adds a node to the cluster's only datacenter and waits until it has joined: it bootstraps
     * ({@code auto_bootstrap: true}, streaming its share of the data), is NORMAL by its own account, and every running
     * node lists it in {@code describe_ring}. It gets the next free address (never one of a node that left), and the
     * current members as seeds.
     *
     * <p>The new node runs with a 10 s ring delay ({@code cassandra.ring_delay_ms}: how long it waits for the ring's
     * schema before it decides what to stream, and a sleep for pending ranges), so a join takes 15 to 20 s and a later
     * decommission of that node 20 s or more. The other nodes keep the test rings' 1 s, which is also their fat-client
     * timeout: on a busy machine they may drop the bootstrapping node from gossip for a moment and take it back, and
     * writes made meanwhile are not sent to it. A test that writes while a node joins can give the whole cluster a
     * longer delay, {@code jvmOption("-Dcassandra.ring_delay_ms=10000")}, which does not slow its start.
     *
     * @return the new node, also the last of {@link #nodes()}
     * @throws IllegalStateException when the cluster has several datacenters (use {@link #addNode(String)}), or the
     *     node does not join; it is then killed and left out of the cluster
     */
    public synchronized CassandraNode addNode() {
        Set<String> datacenters = new TreeSet<>(nodesPlaced.keySet());
        if (datacenters.size() != 1) {
            throw new IllegalStateException("This cluster has datacenters " + datacenters
                    + "; name the one to join with addNode(datacenter)");
        }
        return join(datacenters.iterator().next());
    }

    /**
     * Adds a node to {@code datacenter} (in a rack of its own) and waits until it has joined, as {@link #addNode()}.
     *
     * @throws IllegalArgumentException when the cluster has no such datacenter
     */
    public synchronized CassandraNode addNode(String datacenter) {
        if (!template.hasDatacenters() || !nodesPlaced.containsKey(datacenter)) {
            throw new IllegalArgumentException("No datacenter '" + datacenter + "' in this cluster; it has "
                    + new TreeSet<>(nodesPlaced.keySet()));
        }
        return join(datacenter);
    }

    private CassandraNode join(String datacenter) {
        int rack = nodesPlaced.merge(datacenter, 1, Integer::sum);
        CassandraNode.Builder builder = template.node(++lastAddress).yaml("auto_bootstrap", true)
                // Any member will do as a seed, and the first node may have been decommissioned.
                .seeds(nodes.stream().map(CassandraNode::address).toList())
                // A bootstrapping node waits up to ring_delay for the ring's schema, then streams the keyspaces it
                // knows: the test rings' 1 s (see NodeLauncher) can miss the user's keyspaces on a busy machine. It
                // also sleeps ring_delay once for pending ranges; production's 30 s would be slower still.
                .jvmOption("-Dcassandra.ring_delay_ms=" + JOIN_RING_DELAY.toMillis());
        if (template.hasDatacenters()) {
            builder.datacenter(datacenter, "rack" + rack);
        }
        CassandraNode node = builder.build();
        try {
            node.start();
            try (JmxConnection jmx = node.openJmx()) {
                String mode = jmx.operationMode();
                if (!mode.equals("NORMAL")) {
                    throw new IllegalStateException(node + " answers Thrift but is " + mode + ", not NORMAL:\n"
                            + node.logTail());
                }
            }
            nodes.add(node);
            awaitRingMembers();
            return node;
        } catch (RuntimeException e) {
            nodes.remove(node);
            node.close();
            throw e;
        }
    }

    /**
     * Decommissions a node through JMX ({@code StorageService.decommission}: it streams its data to the nodes that
     * take over its ranges and announces that it left), waits until no running node lists it in
     * {@code describe_ring} any more, then stops it and removes it from this cluster.
     *
     * @throws IllegalArgumentException when the node is not one of this cluster's
     * @throws IllegalStateException when it is not running, or the server refuses (it is the last node, say)
     */
    public synchronized void decommission(CassandraNode node) {
        if (!nodes.contains(node)) {
            throw new IllegalArgumentException(node + " is not a node of this cluster");
        }
        if (!node.isRunning() || node.isPaused()) {
            throw new IllegalStateException(node + " must be running and not paused to decommission it");
        }
        try (JmxConnection jmx = node.openJmx()) {
            jmx.decommission();
        }
        nodes.remove(node);
        awaitRingMembers();
        node.close();
    }

    /** The nodes, seed first, in the order they were added. */
    public List<CassandraNode> nodes() {
        return List.copyOf(nodes);
    }

    /** The node at {@code index} (0 is the seed on 127.0.0.1). */
    public CassandraNode node(int index) {
        return nodes.get(index);
    }

    /** The number of nodes. */
    public int size() {
        return nodes.size();
    }

    /** Every node's Thrift endpoint as {@code "host:port"}, in node order. */
    public List<String> thriftAddresses() {
        return nodes.stream().map(CassandraNode::thriftAddress).toList();
    }

    /** A schema helper that changes schema through the first running node and waits for every running node to agree. */
    public ThriftSchema schema() {
        return new ThriftSchema(nodes);
    }

    /** Closes every node (killing it and deleting its temporary directory). */
    @Override
    public void close() {
        forEachNodeInParallel(nodes, CassandraNode::close);
    }

    private List<CassandraNode> serving() {
        return nodes.stream().filter(n -> n.isRunning() && !n.isPaused()).toList();
    }

    /** The ring members that {@code node}'s describe_ring lists, or the failure as text. */
    private static Set<String> ringMembers(CassandraNode node) {
        try {
            return node.ringMembers();
        } catch (TException e) {
            return Set.of("(" + e + ")");
        }
    }

    /**
     * Polls {@code unsettled} (null when the ring is as wanted, else what is still wrong) until it returns null.
     *
     * @throws IllegalStateException when it does not within {@value #SETTLE_SECONDS} seconds
     */
    private static void awaitRing(Supplier<String> unsettled) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        String problem;
        while ((problem = unsettled.get()) != null) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("The ring did not settle within " + SETTLE_SECONDS + " s: " + problem);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the ring", e);
            }
        }
    }

    private static void forEachNodeInParallel(List<CassandraNode> targets, Consumer<CassandraNode> action) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (CassandraNode node : targets) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread worker = new Thread(() -> {
                try {
                    action.accept(node);
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            }, "casspool-" + node.address());
            worker.start();
            running.add(done);
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** What every node of a cluster shares; makes the builder of the node at address 127.0.0.{@code number}. */
    private record NodeTemplate(String clusterName, String seed, int thriftPort, int storagePort,
                                int nativeTransportPort, int heapMegabytes, Authenticator authenticator,
                                boolean hasDatacenters, List<Consumer<CassandraNode.Builder>> nodeSettings) {

        CassandraNode.Builder node(int number) {
            CassandraNode.Builder node = CassandraNode.builder()
                    .clusterName(clusterName)
                    .address(address(number))
                    .seeds(List.of(seed))
                    .thriftPort(thriftPort)
                    .storagePort(storagePort)
                    .nativeTransportPort(nativeTransportPort)
                    .heapMegabytes(heapMegabytes)
                    .authenticator(authenticator);
            nodeSettings.forEach(setting -> setting.accept(node));
            return node;
        }

        static String address(int number) {
            if (number < 1 || number > MAX_NODES) {
                throw new IllegalStateException("A loopback ring has room for " + MAX_NODES + " node addresses, "
                        + "127.0.0.1 to 127.0.0." + MAX_NODES + "; node " + number + " does not fit");
            }
            return "127.0.0." + number;
        }
    }

    /** Settings of a cluster. */
    public static final class Builder {

        private Integer size;
        private final Map<String, Integer> datacenters = new LinkedHashMap<>();
        private String clusterName = "casspool-test";
        private int heapMegabytes = 512;
        private Authenticator authenticator = Authenticator.ALLOW_ALL;
        private final List<Consumer<CassandraNode.Builder>> nodeSettings = new ArrayList<>();

        private Builder() {
        }

        /** Number of nodes, 1 to 254, all in one datacenter with {@code SimpleSnitch} (default 1). */
        public Builder size(int size) {
            this.size = size;
            return this;
        }

        /**
         * Adds a datacenter of {@code nodes} nodes; call it once per datacenter, instead of {@link #size(int)}. The
         * nodes use {@code GossipingPropertyFileSnitch}, take addresses in the order the datacenters were added
         * ({@code datacenter("dc1", 2).datacenter("dc2", 2)}: 127.0.0.1 and .2 in dc1, .3 and .4 in dc2), and each
         * has a rack of its own within its datacenter: {@code rack1}, {@code rack2}, and so on. The seed is the first
         * node of the first datacenter.
         *
         * @param name letters, digits, {@code _}, {@code -} or {@code .}
         * @param nodes at least 1
         */
        public Builder datacenter(String name, int nodes) {
            CassandraNode.Builder.requireName("datacenter", name);
            if (nodes < 1) {
                throw new IllegalArgumentException("datacenter " + name + " needs at least 1 node, was " + nodes);
            }
            if (datacenters.putIfAbsent(name, nodes) != null) {
                throw new IllegalArgumentException("datacenter " + name + " is given twice");
            }
            return this;
        }

        /** Name of the ring (default {@code casspool-test}). */
        public Builder clusterName(String clusterName) {
            this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
            return this;
        }

        /** Heap of each node's JVM in megabytes (default 512). */
        public Builder heapMegabytes(int heapMegabytes) {
            this.heapMegabytes = heapMegabytes;
            return this;
        }

        /** How clients log in (default {@link Authenticator#ALLOW_ALL}). */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
            return this;
        }

        /** Sets a cassandra.yaml key on every node. */
        public Builder yaml(String key, Object value) {
            nodeSettings.add(node -> node.yaml(key, value));
            return this;
        }

        /** Adds an option to every node's JVM command line. */
        public Builder jvmOption(String option) {
            nodeSettings.add(node -> node.jvmOption(option));
            return this;
        }

        /** How long each node's start waits for Thrift (default 3 minutes). */
        public Builder startTimeout(Duration startTimeout) {
            nodeSettings.add(node -> node.startTimeout(startTimeout));
            return this;
        }

        /**
         * Picks ports free on all N addresses and returns the cluster, not yet started.
         *
         * @throws IllegalArgumentException when both {@code size} and {@code datacenter} are given, or the nodes do
         *     not fit in 1 to 254
         */
        public CassandraCluster build() {
            if (size != null && !datacenters.isEmpty()) {
                throw new IllegalArgumentException("Give either size (" + size + ") or datacenters " + datacenters
                        + ", not both: the datacenters decide the number of nodes");
            }
            int total = datacenters.isEmpty() ? (size == null ? 1 : size)
                    : datacenters.values().stream().mapToInt(Integer::intValue).sum();
            if (total < 1 || total > MAX_NODES) {
                throw new IllegalArgumentException("size must be between 1 and " + MAX_NODES + ", was " + total);
            }
            List<String> addresses = new ArrayList<>();
            for (int number = 1; number <= total; number++) {
                addresses.add(NodeTemplate.address(number));
            }
            NodeTemplate template = new NodeTemplate(clusterName, addresses.get(0), FreePorts.find(addresses),
                    FreePorts.find(addresses), FreePorts.find(addresses), heapMegabytes, authenticator,
                    !datacenters.isEmpty(), List.copyOf(nodeSettings));
            List<CassandraNode> nodes = new ArrayList<>();
            if (datacenters.isEmpty()) {
                for (int number = 1; number <= total; number++) {
                    nodes.add(template.node(number).build());
                }
            }
            datacenters.forEach((name, count) -> {
                for (int rack = 1; rack <= count; rack++) {
                    nodes.add(template.node(nodes.size() + 1).datacenter(name, "rack" + rack).build());
                }
            });
            return new CassandraCluster(nodes, template);
        }
    }
}
