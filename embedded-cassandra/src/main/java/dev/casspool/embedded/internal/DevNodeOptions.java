package dev.casspool.embedded.internal;

import dev.casspool.embedded.Authenticator;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of the development node ({@code dev.casspool.embedded.EmbeddedCassandraMain}): {@link #parse}
 * reads it, and an argument it cannot use is reported with an {@link IllegalArgumentException} naming the argument and
 * what is wrong with it.
 *
 * @param help whether {@code --help} was given
 * @param address the loopback address the node listens on
 * @param port the Thrift port asked for with {@code --port}, or null for {@value #DEFAULT_PORT} when it is free
 * @param authenticator how clients log in
 * @param keyspace a keyspace to create, or null
 * @param columnFamilies column families to create in the keyspace
 * @param heapMegabytes heap of the node's JVM
 * @param yaml cassandra.yaml settings, in the order given
 */
public record DevNodeOptions(boolean help, String address, Integer port, Authenticator authenticator, String keyspace,
                             List<String> columnFamilies, int heapMegabytes, Map<String, Object> yaml) {

    /** Cassandra's Thrift port, used when it is free and no port is asked for. */
    public static final int DEFAULT_PORT = 9160;

    /** What {@code --help} prints. */
    public static final String USAGE = """
            Starts a Cassandra 3.11 node for development, with Thrift on 127.0.0.1:9160, until Ctrl-C; the node and its
            data are then removed.

            Options:
              --port N               Thrift port (default 9160, or a free port when 9160 is taken)
              --address A            loopback address to listen on (default 127.0.0.1)
              --keyspace NAME        create this keyspace (replication factor 1)
              --column-family NAME   create this column family in the keyspace; repeatable, or comma-separated
              --password-auth        require a login (PasswordAuthenticator); the superuser is cassandra/cassandra
              --heap MB              heap of the node's JVM in megabytes (default 512)
              --yaml KEY=VALUE       set a cassandra.yaml key, for example read_request_timeout_in_ms=500; repeatable
              --help                 print this and exit

            The node runs on a JDK 17: this JVM if it is one, else one found in JAVA_HOME or the usual install
            directories, or the one named by -Dcasspool.cassandra.java-home or CASSPOOL_CASSANDRA_JAVA_HOME.
            """;

    /**
     * Reads the command line; each option takes its value as the next argument or after {@code =}
     * ({@code --port 9161}, {@code --port=9161}).
     *
     * @throws IllegalArgumentException naming the argument that is unknown, lacks a value or has a bad one
     */
    public static DevNodeOptions parse(String... args) {
        boolean help = false;
        String address = "127.0.0.1";
        Integer port = null;
        Authenticator authenticator = Authenticator.ALLOW_ALL;
        String keyspace = null;
        List<String> columnFamilies = new ArrayList<>();
        int heap = 512;
        Map<String, Object> yaml = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String option = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            String inlineValue = option.equals(arg) ? null : arg.substring(equals + 1);
            switch (option) {
                case "--help", "-h" -> help = true;
                case "--password-auth" -> authenticator = Authenticator.PASSWORD;
                case "--port", "--address", "--keyspace", "--column-family", "--heap", "--yaml" -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                            throw new IllegalArgumentException(option + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (option) {
                        case "--port" -> port = number(option, value, 1, 65535);
                        case "--address" -> address = value;
                        case "--keyspace" -> keyspace = name(option, value);
                        case "--column-family" -> Arrays.stream(value.split(","))
                                .map(String::trim).filter(name -> !name.isEmpty())
                                .forEach(name -> columnFamilies.add(name(option, name)));
                        case "--heap" -> heap = number(option, value, 128, 65536);
                        default -> yaml(yaml, value);
                    }
                }
                default -> throw new IllegalArgumentException(arg.startsWith("-")
                        ? "unknown option " + option : "unexpected argument '" + arg + "'");
            }
        }
        requireLoopback(address);
        if (!columnFamilies.isEmpty() && keyspace == null) {
            throw new IllegalArgumentException("--column-family needs --keyspace, the keyspace to create it in");
        }
        return new DevNodeOptions(help, address, port, authenticator, keyspace, List.copyOf(columnFamilies), heap,
                yaml);
    }

    /**
     * The Thrift port: the one asked for, which must be free, else {@code defaultPort} when it is free, else any free
     * port.
     *
     * @throws IllegalArgumentException when the port asked for is taken
     */
    public int choosePort(int defaultPort) {
        if (port != null) {
            if (!FreePorts.isFree(address, port)) {
                throw new IllegalArgumentException("--port " + port + ": " + address + ":" + port
                        + " is already in use; choose another port");
            }
            return port;
        }
        return FreePorts.isFree(address, defaultPort) ? defaultPort : FreePorts.find(List.of(address));
    }

    private static void requireLoopback(String address) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new IllegalArgumentException("--address must be a loopback address (127.x.x.x), was '" + address
                    + "'");
        }
    }

    private static int number(String option, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a number from " + min + " to " + max + ", was '"
                + value + "'");
    }

    /** Cassandra's rule for keyspace and column family names. */
    private static String name(String option, String value) {
        if (!value.matches("\\w{1,48}")) {
            throw new IllegalArgumentException(option + " must be 1 to 48 letters, digits or underscores, was '"
                    + value + "'");
        }
        return value;
    }

    private static void yaml(Map<String, Object> yaml, String value) {
        try {
            YamlSetting setting = YamlSetting.parse(value);
            yaml.put(setting.key(), setting.value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--yaml takes KEY=VALUE, was '" + value + "'", e);
        }
    }
}
