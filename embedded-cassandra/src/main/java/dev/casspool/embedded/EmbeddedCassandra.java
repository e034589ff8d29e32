package dev.casspool.embedded;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against real Cassandra nodes, shared by every test class of the run that asks for the same
 * {@link #nodes()}, {@link #datacenters()}, {@link #authenticator()}, {@link #name()} and {@link #yaml()}. The nodes start before the first such class and
 * stop when the whole run ends; before each test, nodes that an earlier test killed, stopped or paused are brought
 * back.
 *
 * <p>Test methods, lifecycle methods and constructors may take a {@link CassandraCluster} parameter, or a
 * {@link CassandraNode} parameter (the first node).
 *
 * <pre>{@code
 * @EmbeddedCassandra(nodes = 3)
 * class FailoverTest {
 *     @Test
 *     void survivesOneNode(CassandraCluster cluster) { ... }
 * }
 * }</pre>
 *
 * <p>In a Spring test ({@code @SpringBootTest}, or any test of Spring's TestContext framework), the application also
 * gets the nodes as the casspool starter's connection: {@code cassandra.pool.server-list} and, with
 * {@link Authenticator#PASSWORD}, the superuser's {@code cassandra.pool.username} and {@code cassandra.pool.password}
 * (see {@code EmbeddedCassandraContextCustomizer}). The test's own inlined properties still win over them.
 *
 * <pre>{@code
 * @SpringBootTest
 * @EmbeddedCassandra
 * class OrdersTest {
 *     @BeforeAll
 *     static void createSchema(CassandraNode node) { node.schema().createKeyspace("Orders", 1, "Standard1"); }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedCassandraExtension.class)
public @interface EmbeddedCassandra {

    /** Number of nodes, on 127.0.0.1 .. 127.0.0.N. */
    int nodes() default 1;

    /**
     * Datacenters instead of {@link #nodes()}, as {@code "name:nodes"}, for example {@code {"dc1:2", "dc2:2"}}: the
     * nodes use {@code GossipingPropertyFileSnitch}, each in a rack of its own (see
     * {@link CassandraCluster.Builder#datacenter(String, int)}). Leave {@link #nodes()} unset when giving these.
     */
    String[] datacenters() default {};

    /** How clients log in. */
    Authenticator authenticator() default Authenticator.ALLOW_ALL;

    /** Classes that must not share nodes with others (for example because they change ring-wide settings) name them. */
    String name() default "shared";

    /**
     * cassandra.yaml settings for every node, as {@code "key=value"} (numbers and booleans are written as such), for
     * example {@code "read_request_timeout_in_ms=500"}.
     */
    String[] yaml() default {};
}
