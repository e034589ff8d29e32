package dev.casspool.internal;

import dev.casspool.InvalidSettingException;
import dev.casspool.ThriftCall;
import dev.casspool.internal.ring.Partitioner;
import dev.casspool.internal.ring.RingEndpoint;
import dev.casspool.internal.ring.TokenRing;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.cassandra.thrift.EndpointDetails;
import org.apache.cassandra.thrift.TokenRange;
import org.apache.thrift.TException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the ring of a pool's keyspace ({@code describe_ring} and {@code describe_partitioner}) through one of the
 * pool's connections when the pool is built and every {@code ringRefreshInterval} after, on a thread of its own, and
 * gives the pool the nodes to connect to (those of the local datacenter, when one is set) and, for token-aware
 * routing, the replicas of each row key.
 *
 * <p>Nodes are reached on their {@code rpc_endpoints} address (the one a node serves clients on; never the internal
 * address of {@code endpoint_details}) and the seeds' port. A read that fails keeps the last view, and is logged once
 * per outage. A partitioner other than Murmur3 and Random is logged once, and keys are then not routed.
 */
public final class RingDiscovery {

    private static final Logger log = LoggerFactory.getLogger(PoolEvents.LOGGER_NAME);
    /** How long a refresh waits for a connection of a pool whose connections are all busy. */
    private static final long CONNECTION_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long {@link #close()} waits for the thread to end. */
    private static final long PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final String poolName;
    private final RingSettings settings;
    private final PoolEngine engine;
    private final ServerDirectory directory;
    private final RingMembership membership;
    private final ScheduledThreadPoolExecutor thread;
    private volatile TokenRing<Server> tokenRing;
    private volatile boolean outage;
    private volatile String unroutablePartitioner;

    /**
     * Creates the discovery of a pool; {@link #discover()} reads the ring the first time.
     *
     * @param poolName named in logs and in the thread's name
     * @param settings the pool's ring settings
     * @param engine the pool, which lends connections and takes the nodes found
     * @param servers the pool's servers, to which the nodes found are added
     */
    public RingDiscovery(String poolName, RingSettings settings, PoolEngine engine, ServerDirectory servers) {
        this.poolName = poolName;
        this.settings = settings;
        this.engine = engine;
        this.directory = servers;
        this.membership = new RingMembership(poolName, engine, servers);
        this.thread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread created = new Thread(task, poolName + "-ring");
            created.setDaemon(true);
            return created;
        });
    }

    /**
     * Reads the ring now and then every refresh interval.
     *
     * @throws InvalidSettingException when the local datacenter has no node in the ring
     */
    public void discover() {
        try {
            refresh(true);
        } finally {
            long interval = settings.refreshInterval().toNanos();
            thread.scheduleWithFixedDelay(() -> refresh(false), interval, interval, TimeUnit.NANOSECONDS);
        }
    }

    /** The replicas of a row key in placement order, or an empty list when keys are not routed (yet). */
    public List<Server> replicasOf(ByteBuffer key) {
        TokenRing<Server> ring = tokenRing;
        return ring == null || !settings.tokenAware() ? List.of() : ring.replicas(key);
    }

    /** Stops the thread and waits a moment for it to end. */
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(PATIENCE_NANOS, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refresh(boolean first) {
        Ring ring;
        try {
            ring = onPoolConnection(client -> new Ring(client.describe_partitioner(),
                    client.describe_ring(engine.keyspace())));
        } catch (TException | RuntimeException e) {
            if (!outage) {
                outage = true;
                log.warn("Pool {} could not read the ring of keyspace {}: {}; it keeps its last view of the ring and"
                        + " tries again every {}", poolName, engine.keyspace(), Failures.describe(e),
                        settings.refreshInterval());
            }
            if (first && !(e instanceof TException)) {
                throw (RuntimeException) e;
            }
            return;
        }
        if (ring == null) {
            log.debug("Pool {}: no connection free for reading the ring; next time", poolName);
            return;
        }
        if (outage) {
            outage = false;
            log.info("Pool {} reads the ring of keyspace {} again", poolName, engine.keyspace());
        }
        use(ring, first);
    }

    /**
     * Runs {@code call} on a connection of the pool: an idle one, or a new one while the pool is below
     * {@code poolSize}, or the first to come back within {@link #CONNECTION_WAIT_NANOS}.
     *
     * @return what {@code call} returned, or null when no connection came
     */
    private <T> T onPoolConnection(ThriftCall<T> call) throws TException {
        int[] local = engine.bag().local();
        PoolEntry entry = engine.takeIdle(local, true);
        if (entry == null) {
            entry = engine.tryOpen(engine.poolSize());
        }
        if (entry == null) {
            try {
                entry = engine.bag().borrow(CONNECTION_WAIT_NANOS, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        if (entry == null) {
            return null;
        }
        try {
            return call.call(entry.connection().client());
        } catch (TException | RuntimeException e) {
            entry.connection().markBroken();
            throw e;
        } finally {
            engine.giveBack(entry, local);
        }
    }

    /** Takes the nodes of {@code ring} as the pool's servers, and its token map for routing. */
    private void use(Ring ring, boolean first) {
        Map<RingEndpoint, Server> servers = new LinkedHashMap<>();
        Set<String> datacenters = new LinkedHashSet<>();
        for (TokenRange range : ring.ranges()) {
            List<String> rpcAddresses = range.getRpc_endpoints();
            List<EndpointDetails> details = range.getEndpoint_details();
            for (int i = 0; i < details.size(); i++) {
                EndpointDetails detail = details.get(i);
                datacenters.add(detail.getDatacenter());
                RingEndpoint endpoint = new RingEndpoint(rpcAddresses.get(i), detail.getHost(),
                        detail.getDatacenter(), detail.getRack());
                if (isLocal(endpoint) && !servers.containsKey(endpoint)) {
                    Server server = directory.node(endpoint.rpcAddress());
                    server.located(endpoint.datacenter(), endpoint.rack());
                    servers.put(endpoint, server);
                }
            }
        }
        if (servers.isEmpty()) {
            String problem = "names no datacenter of the ring of keyspace " + engine.keyspace()
                    + ", whose datacenters are " + datacenters;
            if (first) {
                throw new InvalidSettingException("localDatacenter", settings.localDatacenter(), problem);
            }
            log.warn("Pool {}: localDatacenter {} {}; it keeps its last view of the ring", poolName,
                    settings.localDatacenter(), problem);
            return;
        }
        tokenRing = tokenRing(ring, servers);
        membership.apply(List.copyOf(servers.values()));
    }

    private TokenRing<Server> tokenRing(Ring ring, Map<RingEndpoint, Server> servers) {
        Optional<Partitioner> partitioner = Partitioner.forClassName(ring.partitioner());
        if (partitioner.isEmpty()) {
            if (settings.tokenAware() && !ring.partitioner().equals(unroutablePartitioner)) {
                unroutablePartitioner = ring.partitioner();
                log.warn("Pool {}: the ring's partitioner {} is not one casspool routes by (Murmur3Partitioner,"
                        + " RandomPartitioner); calls about a row key go to any server", poolName, ring.partitioner());
            }
            return null;
        }
        return TokenRing.of(partitioner.get(), ring.ranges(), servers::get);
    }

    private boolean isLocal(RingEndpoint endpoint) {
        return settings.localDatacenter() == null || settings.localDatacenter().equals(endpoint.datacenter());
    }

    /** What one read of the ring found. */
    private record Ring(String partitioner, List<TokenRange> ranges) {
    }
}
