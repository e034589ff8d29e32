package dev.casspool.embedded;

import dev.casspool.embedded.internal.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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
 * <p>Nodes can be spread over datacenters ({@code GossipingPropertyFileSnitch}):
 *
 * <pre>{@code
 * try (CassandraCluster cluster = CassandraCluster.builder().datacenter("dc1", 2).datacenter("dc2", 2).build().start()) {
 *     cluster.schema().createKeyspace("Keyspace1", Map.of("dc1", 2, "dc2", 2), "Standard1");
 * }
 * }</pre>
 */
public final class CassandraCluster implements AutoCloseable {

    private static final int SETTLE_SECONDS = 120;
    private static final int MAX_NODES = 254;

    private final List<CassandraNode> nodes;

    private CassandraCluster(List<CassandraNode> nodes) {
        this.nodes = List.copyOf(nodes);
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
        } catch (RuntimeException e) {
            nodes.forEach(CassandraNode::kill);
            throw e;
        }
        return this;
    }

    /**
     * Brings the ring back to full health after a test broke it: resumes paused nodes, starts stopped or killed ones,
     * and waits until every node sees all of them live. Does nothing when all nodes are running.
     */
    public void ensureAllRunning() {
        nodes.stream().filter(CassandraNode::isPaused).forEach(CassandraNode::resume);
        List<CassandraNode> stopped = nodes.stream().filter(n -> !n.isRunning()).toList();
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        while (true) {
            Set<String> serving = new TreeSet<>();
            nodes.stream().filter(n -> n.isRunning() && !n.isPaused()).forEach(n -> serving.add(n.address()));
            Map<String, Set<String>> views = new TreeMap<>();
            boolean settled = true;
            for (CassandraNode node : nodes) {
                if (serving.contains(node.address())) {
                    Set<String> expected = new TreeSet<>(serving);
                    expected.remove(node.address());
                    Set<String> seen = node.livePeers();
                    views.put(node.address(), seen);
                    settled &= seen.equals(expected);
                }
            }
            if (settled) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("The ring did not settle within " + SETTLE_SECONDS + " s: serving nodes "
                        + serving + ", but each node sees these peers up: " + views);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the ring", e);
            }
        }
    }

    /** The nodes, seed first. */
    public List<CassandraNode> nodes() {
        return nodes;
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
                                List<Consumer<CassandraNode.Builder>> nodeSettings) {

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
                    List.copyOf(nodeSettings));
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
            return new CassandraCluster(nodes);
        }
    }
}
