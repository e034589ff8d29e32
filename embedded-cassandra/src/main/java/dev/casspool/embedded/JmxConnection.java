package dev.casspool.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import javax.management.JMException;
import javax.management.JMRuntimeException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JMX connection to a node, for what Thrift does not offer: the node's own view of its state, ring membership as its
 * gossiper sees it, decommission, where the server places a key and which of the node's SSTables hold it. Only JDK
 * classes cross the connection, so Cassandra's jars stay out of this JVM.
 *
 * <pre>{@code
 * try (JmxConnection jmx = node.openJmx()) {
 *     String mode = jmx.operationMode();   // "NORMAL"
 * }
 * }</pre>
 */
public final class JmxConnection implements AutoCloseable {

    private static final ObjectName STORAGE_SERVICE = objectName("org.apache.cassandra.db:type=StorageService");
    private static final ObjectName SNITCH = objectName("org.apache.cassandra.db:type=EndpointSnitchInfo");

    private final int port;
    private final JMXConnector connector;
    private final MBeanServerConnection mbeans;

    private JmxConnection(int port, JMXConnector connector) throws IOException {
        this.port = port;
        this.connector = connector;
        this.mbeans = connector.getMBeanServerConnection();
    }

    /**
     * Connects to the JMX port of a node on this machine (Cassandra's local-only JMX listens on 127.0.0.1).
     *
     * @throws UncheckedIOException when nothing answers JMX on that port
     */
    public static JmxConnection open(int port) {
        JMXServiceURL url;
        try {
            url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        } catch (IOException e) {
            throw new IllegalArgumentException("Bad JMX port " + port, e);
        }
        JMXConnector connector = null;
        try {
            connector = JMXConnectorFactory.connect(url);
            return new JmxConnection(port, connector);
        } catch (IOException e) {
            closeQuietly(connector);
            throw new UncheckedIOException("Cannot connect to JMX at " + url, e);
        }
    }

    /**
     * The node's own operation mode: {@code STARTING}, {@code JOINING}, {@code NORMAL}, {@code LEAVING},
     * {@code DECOMMISSIONED}, {@code MOVING}, {@code DRAINING} or {@code DRAINED}.
     */
    public String operationMode() {
        return (String) attribute(STORAGE_SERVICE, "OperationMode");
    }

    /** The node's own datacenter, as its snitch names it. */
    public String datacenter() {
        return (String) attribute(SNITCH, "Datacenter");
    }

    /** The node's own rack, as its snitch names it. */
    public String rack() {
        return (String) attribute(SNITCH, "Rack");
    }

    /** Addresses of the ring's members that this node's gossiper considers up, itself included. */
    public List<String> liveNodes() {
        return stringList("LiveNodes");
    }

    /** Addresses of the members that this node's gossiper considers down. */
    public List<String> unreachableNodes() {
        return stringList("UnreachableNodes");
    }

    /** Addresses of the nodes that this node sees bootstrapping into the ring (not yet owning their tokens). */
    public List<String> joiningNodes() {
        return stringList("JoiningNodes");
    }

    /** Addresses of the nodes that this node sees leaving the ring (still owning their tokens). */
    public List<String> leavingNodes() {
        return stringList("LeavingNodes");
    }

    /**
     * Where the server places a row, in placement order ({@code StorageService.getNaturalEndpoints}).
     *
     * @param key the row key as the column family's key validator parses a string: hex for {@code BytesType}
     * @return the replicas' internal addresses
     */
    public List<String> naturalEndpoints(String keyspace, String columnFamily, String key) {
        List<?> endpoints = (List<?>) invoke(STORAGE_SERVICE, "getNaturalEndpoints",
                new Object[] {keyspace, columnFamily, key},
                new String[] {String.class.getName(), String.class.getName(), String.class.getName()});
        return endpoints.stream().map(endpoint -> ((InetAddress) endpoint).getHostAddress()).toList();
    }

    /**
     * Decommissions the node ({@code StorageService.decommission}): it streams its data to the nodes that take over
     * its ranges, announces that it left, and stops serving clients. Blocks until the node is {@code DECOMMISSIONED};
     * the node's JVM keeps running.
     */
    public void decommission() {
        invoke(STORAGE_SERVICE, "decommission", new Object[0], new String[0]);
    }

    /** Writes every memtable of {@code keyspace} on this node to SSTables ({@code nodetool flush}). */
    public void flush(String keyspace) {
        invoke(STORAGE_SERVICE, "forceKeyspaceFlush", new Object[] {keyspace, new String[0]},
                new String[] {String.class.getName(), String[].class.getName()});
    }

    /**
     * The SSTables of this node that hold a row ({@code nodetool getsstables}): where the row physically lives, once
     * its memtable is flushed (see {@link #flush(String)}).
     *
     * @param key the row key as the column family's key validator parses a string: hex for {@code BytesType}
     * @return the SSTables' data file paths; empty when this node stores no part of the row on disk
     */
    public List<String> sstablesHolding(String keyspace, String columnFamily, String key) {
        ObjectName table = objectName("org.apache.cassandra.db:type=Tables,keyspace=" + keyspace + ",table="
                + columnFamily);
        List<?> files = (List<?>) invoke(table, "getSSTablesForKey", new Object[] {key},
                new String[] {String.class.getName()});
        return files.stream().map(String::valueOf).toList();
    }

    /** The raw MBean server connection, for anything this class does not wrap. */
    public MBeanServerConnection mbeans() {
        return mbeans;
    }

    @Override
    public void close() {
        closeQuietly(connector);
    }

    @Override
    public String toString() {
        return "JMX of 127.0.0.1:" + port;
    }

    private Object attribute(ObjectName bean, String name) {
        try {
            return mbeans.getAttribute(bean, name);
        } catch (JMException e) {
            throw new IllegalStateException("Cannot read " + bean + " " + name + " through " + this + ": " + e, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + bean + " " + name + " through " + this, e);
        }
    }

    private List<String> stringList(String storageServiceAttribute) {
        return ((List<?>) attribute(STORAGE_SERVICE, storageServiceAttribute)).stream().map(String::valueOf).toList();
    }

    private Object invoke(ObjectName bean, String operation, Object[] arguments, String[] signature) {
        try {
            return mbeans.invoke(bean, operation, arguments, signature);
        } catch (JMException | JMRuntimeException e) {
            throw new IllegalStateException(bean + " " + operation + " failed through " + this + ": " + e, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot call " + bean + " " + operation + " through " + this, e);
        }
    }

    private static void closeQuietly(JMXConnector connector) {
        if (connector == null) {
            return;
        }
        try {
            connector.close();
        } catch (IOException e) {
            // The node may be gone; there is nothing left to release on this side.
        }
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("Not a JMX object name: " + name, e);
        }
    }
}
