package dev.casspool.embedded;

import dev.casspool.embedded.internal.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
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
import java.util.stream.IntStream;

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
 */
public final class CassandraCluster implements AutoCloseable {

    private static final int SETTLE_SECONDS = 120;

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

    /** Settings of a cluster. */
    public static final class Builder {

        private int size = 1;
        private String clusterName = "casspool-test";
        private int heapMegabytes = 512;
        private Authenticator authenticator = Authenticator.ALLOW_ALL;
        private final List<Consumer<CassandraNode.Builder>> nodeSettings = new ArrayList<>();

        private Builder() {
        }

        /** Number of nodes, 1 to 254 (default 1). */
        public Builder size(int size) {
            this.size = size;
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

        /** Picks ports free on all N addresses and returns the cluster, not yet started. */
        public CassandraCluster build() {
            if (size < 1 || size > 254) {
                throw new IllegalArgumentException("size must be between 1 and 254, was " + size);
            }
            List<String> addresses = IntStream.rangeClosed(1, size).mapToObj(i -> "127.0.0." + i).toList();
            int thriftPort = FreePorts.find(addresses);
            int storagePort = FreePorts.find(addresses);
            int nativeTransportPort = FreePorts.find(addresses);
            List<CassandraNode> nodes = new ArrayList<>();
            for (String address : addresses) {
                CassandraNode.Builder node = CassandraNode.builder()
                        .clusterName(clusterName)
                        .address(address)
                        .seeds(List.of(addresses.get(0)))
                        .thriftPort(thriftPort)
                        .storagePort(storagePort)
                        .nativeTransportPort(nativeTransportPort)
                        .heapMegabytes(heapMegabytes)
                        .authenticator(authenticator);
                nodeSettings.forEach(setting -> setting.accept(node));
                nodes.add(node.build());
            }
            return new CassandraCluster(nodes);
        }
    }
}
