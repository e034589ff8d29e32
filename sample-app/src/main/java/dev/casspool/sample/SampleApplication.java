package dev.casspool.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application that stores rows in Cassandra through the auto-configured {@link dev.casspool.ConnectionPool}.
 * Without {@code cassandra.pool.server-list} it starts an embedded node (see {@link EmbeddedCassandraConfiguration}).
 */
@SpringBootApplication
public class SampleApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot arguments, for example {@code --cassandra.pool.server-list=10.0.0.4:9160}
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
