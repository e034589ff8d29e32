package dev.casspool.embedded.internal;

import dev.casspool.embedded.ClientTls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the cassandra.yaml of one node: a small test ring, fast to start, with Thrift enabled. */
public final class CassandraYaml {

    private CassandraYaml() {
    }

    /** Returns the YAML text for {@code config}, overrides applied last. */
    public static String render(NodeConfig config) {
        String dir = config.directory().toAbsolutePath().toString();
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("cluster_name", config.clusterName());
        yaml.put("num_tokens", 16);
        yaml.put("partitioner", "org.apache.cassandra.dht.Murmur3Partitioner");
        yaml.put("data_file_directories", List.of(dir + "/data"));
        yaml.put("commitlog_directory", dir + "/commitlog");
        yaml.put("saved_caches_directory", dir + "/saved_caches");
        yaml.put("hints_directory", dir + "/hints");
        yaml.put("cdc_raw_directory", dir + "/cdc_raw");
        yaml.put("commitlog_sync", "periodic");
        yaml.put("commitlog_sync_period_in_ms", 10000);
        yaml.put("commitlog_segment_size_in_mb", 8);
        yaml.put("seed_provider", List.of(Map.of(
                "class_name", "org.apache.cassandra.locator.SimpleSeedProvider",
                "parameters", List.of(Map.of("seeds", String.join(",", config.seeds()))))));
        yaml.put("listen_address", config.address());
        yaml.put("rpc_address", config.address());
        yaml.put("start_rpc", true);
        yaml.put("rpc_port", config.thriftPort());
        // Cassandra 3.11 sends counter writes only to nodes that gossip RPC_READY, which only the native transport's
        // start sets (CASSANDRA-13043): without it every counter write is Unavailable.
        yaml.put("start_native_transport", true);
        yaml.put("native_transport_port", config.nativeTransportPort());
        yaml.put("storage_port", config.storagePort());
        yaml.put("ssl_storage_port", config.sslStoragePort());
        // GossipingPropertyFileSnitch reads the node's datacenter and rack from its cassandra-rackdc.properties.
        yaml.put("endpoint_snitch", config.datacenter() == null ? "SimpleSnitch" : "GossipingPropertyFileSnitch");
        yaml.put("disk_access_mode", "standard");
        // A fresh test ring has no data to stream, and waiting for gossip to settle costs seconds per node.
        yaml.put("auto_bootstrap", false);
        // Tests kill nodes and wait for the ring to notice; 6 still tolerates the pauses of a loaded 2-core machine.
        yaml.put("phi_convict_threshold", 6);
        yaml.put("authenticator", config.authenticator().className());
        yaml.put("authorizer", config.authenticator().authorizerClassName());
        ClientTls tls = config.clientTls();
        if (tls != null) {
            yaml.put("client_encryption_options", Map.of(
                    "enabled", true,
                    "optional", false,
                    "keystore", tls.keystore().toAbsolutePath().toString(),
                    "keystore_password", tls.keystorePassword()));
        }
        yaml.putAll(config.yamlOverrides());
        return yaml.entrySet().stream()
                .map(e -> e.getKey() + ": " + flow(e.getValue()))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** YAML flow style: one line per key, which Cassandra's SnakeYAML reads like block style. */
    private static String flow(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> e.getKey() + ": " + flow(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CassandraYaml::flow).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof String text) {
            return "'" + text.replace("'", "''") + "'";
        }
        return String.valueOf(value);
    }
}
