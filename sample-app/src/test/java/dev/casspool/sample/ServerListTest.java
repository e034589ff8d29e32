package dev.casspool.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.ConnectionPool;
import dev.casspool.embedded.CassandraNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * With a server list (here in the indexed form a YAML list takes), the application uses it and starts no node.
 * Nothing listens there; without prefill the pool does not try to connect until it is used.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "cassandra.pool.server_list[0]=127.0.0.1:1", "cassandra.pool.server_list[1]=127.0.0.2:1",
    "cassandra.pool.prefill=false"})
class ServerListTest {

    @Autowired
    private ConnectionPool pool;

    @Autowired
    private ObjectProvider<CassandraNode> embeddedNode;

    @Test
    void usesTheServerListAndStartsNoNode() {
        assertThat(embeddedNode.getIfAvailable()).isNull();
        assertThat(pool.serverList()).containsExactlyInAnyOrder("127.0.0.1:1", "127.0.0.2:1");
    }
}
