package dev.casspool.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.ConnectionPool;
import dev.casspool.autoconfigure.CassandraPoolConnectionDetails;
import dev.casspool.embedded.CassandraNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The development run of the README's first command ({@code spring-boot:test-run}, {@link TestSampleApplication}):
 * its own node, the keyspaces created, both pools connected to it through the connection details it supplies, and
 * nothing left behind. Not in the cross-version set: the connection details of every Boot line are tested in the
 * starter, and this would cost each line a node.
 */
class DevelopmentRunTest {

    @Test
    void runsTheApplicationOnANodeOfItsOwn() throws Exception {
        CassandraNode node;
        try (ConfigurableApplicationContext context = SpringApplication.from(SampleApplication::main)
                .with(DevelopmentCassandra.class).run("--spring.main.web-application-type=none").getApplicationContext()) {
            node = context.getBean(CassandraNode.class);
            assertThat(context.getBean(CassandraPoolConnectionDetails.class).getServerList())
                    .containsExactly(node.thriftAddress());
            assertThat(context.getBeansOfType(ConnectionPool.class)).containsOnlyKeys("columns", "audit")
                    .allSatisfy((name, pool) -> assertThat(pool.serverList()).containsExactly(node.thriftAddress()));

            ColumnsService columns = context.getBean(ColumnsService.class);
            long timestamp = columns.insert("dev", Map.of("column", "value"));
            context.getBean(AuditService.class).recordWrite("dev", timestamp, Map.of("column", "value").keySet());
            assertThat(columns.get("dev")).containsExactly(Map.entry("column", "value"));
            assertThat(context.getBean(AuditService.class).writes("dev")).containsOnlyKeys(Long.toString(timestamp));
        }
        assertThat(node.isRunning()).isFalse();
        assertThat(node.directory()).doesNotExist();
    }
}
