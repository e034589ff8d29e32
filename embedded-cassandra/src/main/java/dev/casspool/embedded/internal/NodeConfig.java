package dev.casspool.embedded.internal;

import dev.casspool.embedded.Authenticator;
import dev.casspool.embedded.ClientTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A node's settings with every default resolved (free ports chosen, directory created).
 *
 * @param clusterName the ring's name; nodes join only rings of the same name
 * @param address listen and rpc address, a loopback address
 * @param seeds seed addresses of the ring
 * @param thriftPort Thrift (rpc) port
 * @param storagePort internode port, equal on every node of a ring
 * @param sslStoragePort internode TLS port (unused, but Cassandra reserves it)
 * @param nativeTransportPort CQL native protocol port, open because counter writes need it (see CassandraYaml)
 * @param jmxPort JMX port, bound to 127.0.0.1 whatever the node's address (Cassandra's local-only JMX)
 * @param heapMegabytes heap size of the node's JVM
 * @param directory where the node keeps its configuration, logs and data
 * @param temporaryDirectory whether {@code directory} is deleted when the node is closed
 * @param authenticator how clients log in
 * @param clientTls TLS settings of the Thrift port, or null for plain sockets
 * @param datacenter the node's datacenter with {@code GossipingPropertyFileSnitch}, or null for {@code SimpleSnitch}
 * @param rack the node's rack with {@code GossipingPropertyFileSnitch}, or null for {@code SimpleSnitch}
 * @param yamlOverrides cassandra.yaml keys that replace or add to the defaults
 * @param jvmOptions extra options for the node's JVM: the JMX port, the rack and datacenter file, then the user's
 * @param startTimeout how long {@code start()} waits for Thrift to answer
 */
public record NodeConfig(String clusterName, String address, List<String> seeds, int thriftPort, int storagePort,
                         int sslStoragePort, int nativeTransportPort, int jmxPort, int heapMegabytes, Path directory,
                         boolean temporaryDirectory, Authenticator authenticator, ClientTls clientTls,
                         String datacenter, String rack, Map<String, Object> yamlOverrides,
                         List<String> jvmOptions, Duration startTimeout) {
}
