package dev.casspool.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.ConnectionPool;
import dev.casspool.embedded.Authenticator;
import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Connection details against a real node: by default they are the properties; a {@link CassandraPoolConnectionDetails}
 * bean, as a test or a development service defines one, supplies the servers and the login of every pool instead.
 */
@Tag("boot-lines")
@EmbeddedCassandra(authenticator = Authenticator.PASSWORD)
class CassandraPoolConnectionDetailsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CassandraPoolAutoConfiguration.class));

    @Test
    void areThePropertiesByDefault(CassandraNode node) {
        runner.withPropertyValues(TestCassandra.poolProperties(node)).run(context -> {
            CassandraPoolConnectionDetails details = context.getBean(CassandraPoolConnectionDetails.class);
            assertThat(details.getServerList()).containsExactly(node.thriftAddress());
            assertThat(details.getUsername()).isEqualTo(Authenticator.SUPERUSER);
            assertThat(details.getPassword()).isEqualTo(Authenticator.SUPERUSER_PASSWORD);
            assertThat(details.getSslBundle()).isNull();
        });
    }

    /** The properties name a server where nothing listens and no login; the bean's node and login are used. */
    @Test
    void aBeanSuppliesTheServersAndLoginOfEveryPool(CassandraNode node) {
        ApplicationContextRunner suppliedByTheTest = runner
                .withPropertyValues("cassandra.pool.server-list=" + TestCassandra.closedAddress(),
                        "cassandra.pool.keyspace=" + TestCassandra.KEYSPACE, "cassandra.pool.timeout=10s",
                        "cassandra.pool.pool-size=1")
                .withBean(CassandraPoolConnectionDetails.class, () -> new NodeDetails(node));

        suppliedByTheTest.run(context -> {
            assertThat(context).hasSingleBean(CassandraPoolConnectionDetails.class);
            ConnectionPool pool = context.getBean(ConnectionPool.class);
            assertThat(pool.serverList()).containsExactly(node.thriftAddress());
            assertThat(pool.checkedIn()).isEqualTo(1);
            String version = pool.execute(client -> client.describe_version());
            assertThat(version).isNotBlank();
        });
        suppliedByTheTest.withPropertyValues("cassandra.pool.pools.orders.server-list=" + TestCassandra.closedAddress(),
                "cassandra.pool.pools.users.keyspace=" + TestCassandra.SECOND_KEYSPACE).run(context -> {
                    assertThat(context.getBean("orders", ConnectionPool.class).serverList())
                            .containsExactly(node.thriftAddress());
                    assertThat(context.getBean("users", ConnectionPool.class).checkedIn()).isEqualTo(1);
                });
    }

    /** What a test supplies for the node it started: its address and the superuser's login. */
    private record NodeDetails(CassandraNode node) implements CassandraPoolConnectionDetails {

        @Override
        public List<String> getServerList() {
            TestCassandra.poolProperties(node); // creates the keyspaces
            return List.of(node.thriftAddress());
        }

        @Override
        public String getUsername() {
            return Authenticator.SUPERUSER;
        }

        @Override
        public String getPassword() {
            return Authenticator.SUPERUSER_PASSWORD;
        }
    }
}
