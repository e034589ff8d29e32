package dev.casspool.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application that stores rows in two Cassandra keyspaces through two auto-configured
 * {@link dev.casspool.ConnectionPool}s ({@code cassandra.pool.pools.columns} and {@code .audit} in
 * {@code application.yml}). It connects to the servers of {@code cassandra.pool.server-list}; for development,
 * {@code TestSampleApplication} (in the tests, run by {@code mvn spring-boot:test-run}) starts an embedded node and
 * supplies it instead.
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
