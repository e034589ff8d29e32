package dev.casspool.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.internal.CassandraYaml;
import dev.casspool.embedded.internal.NodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CassandraYamlTest {

    private static NodeConfig config(Authenticator authenticator, ClientTls tls, Map<String, Object> overrides) {
        return config(authenticator, tls, null, null, overrides);
    }

    private static NodeConfig config(Authenticator authenticator, ClientTls tls, String datacenter, String rack,
                                     Map<String, Object> overrides) {
        return new NodeConfig("ring", "127.0.0.2", List.of("127.0.0.1"), 19160, 17000, 17001, 19042, 17199, 256,
                Path.of("/tmp/node"), true, authenticator, tls, datacenter, rack, overrides, List.of(),
                Duration.ofMinutes(1));
    }

    @Test
    void rendersAThriftNodeOnItsOwnAddressAndPorts() {
        String yaml = CassandraYaml.render(config(Authenticator.ALLOW_ALL, null, Map.of()));

        assertThat(yaml).contains("start_rpc: true\n", "rpc_port: 19160\n", "storage_port: 17000\n",
                "start_native_transport: true\n", "native_transport_port: 19042\n",
                "listen_address: '127.0.0.2'\n", "rpc_address: '127.0.0.2'\n", "disk_access_mode: 'standard'\n",
                "data_file_directories: ['/tmp/node/data']\n", "cluster_name: 'ring'\n",
                "authenticator: 'org.apache.cassandra.auth.AllowAllAuthenticator'\n")
                .contains("seeds: '127.0.0.1'", "endpoint_snitch: 'SimpleSnitch'\n")
                .doesNotContain("client_encryption_options");
    }

    @Test
    void aNodeWithADatacenterGossipsItFromItsPropertiesFile() {
        String yaml = CassandraYaml.render(config(Authenticator.ALLOW_ALL, null, "dc2", "rack1", Map.of()));

        assertThat(yaml).contains("endpoint_snitch: 'GossipingPropertyFileSnitch'\n");
    }

    @Test
    void passwordAuthenticationAlsoChecksPermissions() {
        String yaml = CassandraYaml.render(config(Authenticator.PASSWORD, null, Map.of()));

        assertThat(yaml).contains("authenticator: 'org.apache.cassandra.auth.PasswordAuthenticator'\n",
                "authorizer: 'org.apache.cassandra.auth.CassandraAuthorizer'\n");
    }

    @Test
    void clientTlsRequiresEncryptedThrift() {
        String yaml = CassandraYaml.render(config(Authenticator.ALLOW_ALL,
                new ClientTls(Path.of("/keys/node.jks"), "secret"), Map.of()));

        assertThat(yaml).containsPattern("client_encryption_options: \\{.*enabled: true.*}")
                .contains("optional: false", "keystore: '/keys/node.jks'", "keystore_password: 'secret'");
    }

    @Test
    void overridesReplaceDefaultsAndAddKeys() {
        String yaml = CassandraYaml.render(config(Authenticator.ALLOW_ALL, null,
                Map.of("num_tokens", 4, "write_request_timeout_in_ms", 1000)));

        assertThat(yaml).contains("num_tokens: 4\n", "write_request_timeout_in_ms: 1000\n")
                .doesNotContain("num_tokens: 16");
    }
}
