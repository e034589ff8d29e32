package dev.casspool.internal;

import dev.casspool.PoolStatistics;
import dev.casspool.ServerStatistics;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A pool's cumulative counts ({@link PoolStatistics}): its own, and through its known servers theirs
 * ({@link ServerCounters}). {@link PoolEvents} counts the events as it fires them; {@link Acquisition} counts where
 * calls about a row key ran, the one count written on a check-out path (a {@link LongAdder}, which threads do not
 * contend on).
 */
public final class PoolCounters implements PoolStatistics {

    private final Collection<Server> knownServers;
    private final LongAdder atMax = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder serversAdded = new LongAdder();
    private final LongAdder serversRemoved = new LongAdder();
    private final LongAdder routedToReplica = new LongAdder();
    private final LongAdder routedElsewhere = new LongAdder();

    /**
     * Creates the counts of a pool.
     *
     * @param knownServers a live view of every server the pool has known ({@link ServerDirectory#known()})
     */
    public PoolCounters(Collection<Server> knownServers) {
        this.knownServers = knownServers;
    }

    void countAtMax() {
        atMax.increment();
    }

    void countTimeout() {
        timeouts.increment();
    }

    void countServerAdded() {
        serversAdded.increment();
    }

    void countServerRemoved() {
        serversRemoved.increment();
    }

    /** Counts a call about a row key, which ran on a connection to one of its replicas or not. */
    void countRouted(boolean toReplica) {
        (toReplica ? routedToReplica : routedElsewhere).increment();
    }

    @Override
    public long checkoutsAtMax() {
        return atMax.sum();
    }

    @Override
    public long checkoutTimeouts() {
        return timeouts.sum();
    }

    @Override
    public long serversAdded() {
        return serversAdded.sum();
    }

    @Override
    public long serversRemoved() {
        return serversRemoved.sum();
    }

    @Override
    public long routedToReplica() {
        return routedToReplica.sum();
    }

    @Override
    public long routedElsewhere() {
        return routedElsewhere.sum();
    }

    @Override
    public List<ServerStatistics> servers() {
        return knownServers.stream().<ServerStatistics>map(Server::counters)
                .sorted(Comparator.comparing(ServerStatistics::address)).toList();
    }

    @Override
    public String toString() {
        return "PoolStatistics[checkoutsAtMax=" + atMax + ", checkoutTimeouts=" + timeouts + ", serversAdded="
                + serversAdded + ", serversRemoved=" + serversRemoved + ", routedToReplica=" + routedToReplica
                + ", routedElsewhere=" + routedElsewhere + ", servers=" + servers() + "]";
    }
}
