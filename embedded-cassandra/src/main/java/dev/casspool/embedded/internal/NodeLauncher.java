package dev.casspool.embedded.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a node's configuration files and starts its JVM. */
public final class NodeLauncher {

    private static final Logger log = LoggerFactory.getLogger(NodeLauncher.class);

    /** Cassandra's main class; it stays visible on the command line, so {@code pgrep -f CassandraDaemon} finds nodes. */
    public static final String CASSANDRA_DAEMON = "org.apache.cassandra.service.CassandraDaemon";

    private static final String LOGBACK_XML = """
            <configuration>
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%-5level [%thread] %date{ISO8601} %logger{0} - %msg%n</pattern></encoder>
              </appender>
              <root level="INFO"><appender-ref ref="STDOUT"/></root>
            </configuration>
            """;

    private NodeLauncher() {
    }

    /** The file that receives the node's standard output and error (Cassandra logs to standard output). */
    public static Path logFile(Path directory) {
        return directory.resolve("logs").resolve("system.log");
    }

    /**
     * Writes the node's files under its directory (again on every start, so that changed settings apply) and starts
     * its JVM on the node JDK ({@link NodeJdk}). The returned process's standard input must stay open for as long as
     * the node should live.
     *
     * @throws dev.casspool.embedded.CompatibleJdkNotFoundException when there is no JDK to run the node on
     */
    public static Process launch(NodeConfig config, String serverClasspath) throws IOException {
        NodeJdk jdk = NodeJdk.find();
        if (!jdk.isCurrent()) {
            log.info("Cassandra runs on JDK {} at {} (this JVM is JDK {})", jdk.feature(), jdk.home(),
                    Runtime.version().feature());
        }
        Path directory = config.directory();
        Path conf = Files.createDirectories(directory.resolve("conf"));
        Files.createDirectories(logFile(directory).getParent());
        Path yaml = Files.writeString(conf.resolve("cassandra.yaml"), CassandraYaml.render(config));
        Path logback = Files.writeString(conf.resolve("logback.xml"), LOGBACK_XML);
        Path launcherClasses = writeLauncherClass(conf.resolve("launcher"));

        List<String> jvm = new ArrayList<>();
        jvm.add("-Dcasspool.node=" + config.address() + ":" + config.thriftPort());
        jvm.add("-Xms" + config.heapMegabytes() + "m");
        jvm.add("-Xmx" + config.heapMegabytes() + "m");
        jvm.add("-Xss512k");
        // Two cores are shared by several nodes and the tests: one GC thread per node, no perf-data files in /tmp.
        jvm.add("-XX:+UseSerialGC");
        jvm.add("-XX:-UsePerfData");
        jvm.add("-Djava.net.preferIPv4Stack=true");
        jvm.add("-Dcassandra-foreground=yes");
        jvm.add("-Dcassandra.config=" + yaml.toUri());
        jvm.add("-Dcassandra.storagedir=" + directory.toAbsolutePath());
        jvm.add("-Dlogback.configurationFile=" + logback.toAbsolutePath());
        // Test rings start fresh: no need to wait the production delays for gossip, ring state and the superuser.
        jvm.add("-Dcassandra.ring_delay_ms=1000");
        jvm.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        jvm.add("-Dcassandra.superuser_setup_delay_ms=0");
        // A restarted node first asks the seeds whether its address is taken, and gives up after ring_delay: on a
        // loaded machine the answer comes later. Test rings have no address collisions to look for.
        jvm.add("-Dcassandra.allow_unsafe_join=true");
        // Convict a dead peer in about 14 s instead of 30 or more (with phi_convict_threshold 6, see CassandraYaml).
        jvm.add("-Dcassandra.fd_initial_value_ms=1000");
        jvm.add("-Dcassandra.fd_max_interval_ms=1000");
        if (config.temporaryDirectory()) {
            jvm.add("-D" + NodeMain.DELETE_ON_ORPHAN + "=" + directory.toAbsolutePath());
        }
        jvm.addAll(JavaBaseAccess.flags(jdk));
        jvm.addAll(config.jvmOptions());
        jvm.add("-cp");
        jvm.add(launcherClasses + java.io.File.pathSeparator + serverClasspath);
        Path argFile = Files.writeString(conf.resolve("jvm.args"), jvm.stream()
                .map(NodeLauncher::quote).collect(Collectors.joining("\n", "", "\n")));

        return new ProcessBuilder(jdk.java().toString(), "@" + argFile.toAbsolutePath(), NodeMain.class.getName(),
                CASSANDRA_DAEMON)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile(directory).toFile()))
                .start();
    }

    /**
     * Copies {@link NodeMain}'s class file out of this library, wherever it lives (a directory, a jar, a jar nested in
     * a Spring Boot fat jar), into a plain directory that a classpath can name.
     */
    private static Path writeLauncherClass(Path root) throws IOException {
        String resource = NodeMain.class.getName().replace('.', '/') + ".class";
        Path target = root.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = NodeMain.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Cannot read " + resource + " from embedded-cassandra's classpath");
            }
            Files.write(target, in.readAllBytes());
        }
        return root.toAbsolutePath();
    }

    /** Quotes one argument for a java {@code @argfile}, where backslash escapes and quotes group. */
    private static String quote(String argument) {
        return '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Returns the last {@code lines} lines of the node's log, for error messages. */
    public static String logTail(Path directory, int lines) {
        Path log = logFile(directory);
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e + ")";
        }
    }
}
