package dev.casspool.internal;

import dev.casspool.InvalidSettingException;
import java.time.Duration;

/**
 * Whether a pool discovers the ring and routes row keys to their replicas, checked: every value on its own and the
 * values together.
 *
 * @param discovery whether the server list is only the seeds, and the pool reads the ring from them
 * @param refreshInterval how often the ring is read again
 * @param localDatacenter the datacenter whose nodes alone the pool connects to, or null for every datacenter
 * @param tokenAware whether calls about one row key go to a replica of it
 */
public record RingSettings(boolean discovery, Duration refreshInterval, String localDatacenter, boolean tokenAware) {

    /**
     * Checks the settings.
     *
     * @throws InvalidSettingException naming the first bad setting
     */
    public RingSettings {
        if (refreshInterval == null || refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new InvalidSettingException("ringRefreshInterval", refreshInterval, "must be positive");
        }
        if (localDatacenter != null && localDatacenter.isBlank()) {
            throw new InvalidSettingException("localDatacenter", localDatacenter, "must not be blank (null means every"
                    + " datacenter)");
        }
        if (localDatacenter != null && !discovery) {
            throw new InvalidSettingException("localDatacenter", localDatacenter, "requires ringDiscovery(true): only"
                    + " the ring tells which datacenter a node is in");
        }
        if (tokenAware && !discovery) {
            throw new InvalidSettingException("tokenAware", true, "requires ringDiscovery(true): only the ring tells"
                    + " which nodes hold a row key");
        }
    }
}
