package dev.casspool.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * A Spring test with {@code @EmbeddedCassandra} gets the nodes as the casspool starter's connection properties, on the
 * nodes that the JUnit extension shares with the other classes of the same settings.
 */
class SpringTestConnectionTest {

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    @Nested
    @SpringJUnitConfig(NoBeans.class)
    @EmbeddedCassandra
    class WithoutLogin {

        @Autowired
        private Environment environment;

        @Test
        void pointsTheStarterAtTheNodes(CassandraCluster cluster) {
            assertThat(environment.getProperty("cassandra.pool.server-list"))
                    .isEqualTo(String.join(",", cluster.thriftAddresses()));
            assertThat(environment.getProperty("cassandra.pool.username")).isNull();
            assertThat(environment.getProperty("cassandra.pool.password")).isNull();
        }
    }

    @Nested
    @SpringJUnitConfig(NoBeans.class)
    @EmbeddedCassandra(authenticator = Authenticator.PASSWORD)
    @TestPropertySource(properties = "cassandra.pool.password=the-test's-own")
    class WithLogin {

        @Autowired
        private Environment environment;

        @Test
        void addsTheSuperusersLoginBelowTheTestsOwnProperties(CassandraNode node) {
            assertThat(environment.getProperty("cassandra.pool.server-list")).isEqualTo(node.thriftAddress());
            assertThat(environment.getProperty("cassandra.pool.username")).isEqualTo(Authenticator.SUPERUSER);
            assertThat(environment.getProperty("cassandra.pool.password")).isEqualTo("the-test's-own");
        }
    }
}
