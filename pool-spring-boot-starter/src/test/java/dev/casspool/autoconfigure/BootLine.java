package dev.casspool.autoconfigure;

import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The Spring Boot generation the tests run on (the build's {@code boot-3.5} profile or a Boot 4 line), and what differs
 * between the two for the tests: the names of Boot's own health and metrics auto-configurations, which of the starter's
 * two health configurations applies, and the health types. Everything a test asserts is the same on both.
 *
 * <p>Tests tagged {@code boot-lines} are the ones CI also runs on Boot 3.5 and 4.1 and on JDK 25 ({@code .ci/run}):
 * the pool bean, binding, failure analysis, and health and metrics without the node restarts, which cost the most.
 *
 * <p>Types of the generation that is absent are named only in the method bodies of {@link Boot4} and {@link Boot3}, so
 * that neither the JVM nor JUnit's class scanning ever loads them.
 */
public final class BootLine {

    /** Whether the tests run on Spring Boot 4 (else on Boot 3.5). */
    public static final boolean BOOT_4 = ClassUtils.isPresent(
            "org.springframework.boot.health.contributor.HealthIndicator", BootLine.class.getClassLoader());

    /** The starter's health configuration for Boot 4. */
    public static final String POOL_HEALTH_BOOT_4 =
            "dev.casspool.autoconfigure.health.CassandraPoolHealthContributorAutoConfiguration";

    /** The starter's health configuration for Boot 3.5. */
    public static final String POOL_HEALTH_BOOT_3 =
            "dev.casspool.autoconfigure.health.CassandraPoolBoot3HealthContributorAutoConfiguration";

    private BootLine() {
    }

    /** The starter's health configuration for this generation. */
    public static AutoConfigurations poolHealth() {
        return autoConfigurations(BOOT_4 ? POOL_HEALTH_BOOT_4 : POOL_HEALTH_BOOT_3);
    }

    /** Boot's auto-configurations that build the health contributor registry. */
    public static AutoConfigurations healthRegistry() {
        return BOOT_4 ? autoConfigurations("org.springframework.boot.health.autoconfigure.registry"
                + ".HealthContributorRegistryAutoConfiguration")
                : autoConfigurations("org.springframework.boot.actuate.autoconfigure.health"
                + ".HealthContributorAutoConfiguration", "org.springframework.boot.actuate.autoconfigure.health"
                + ".HealthEndpointAutoConfiguration");
    }

    /** Boot's metrics auto-configurations, which give an application a {@code SimpleMeterRegistry}. */
    public static AutoConfigurations metrics() {
        String prefix = BOOT_4 ? "org.springframework.boot.micrometer.metrics.autoconfigure."
                : "org.springframework.boot.actuate.autoconfigure.metrics.";
        return autoConfigurations(prefix + "MetricsAutoConfiguration",
                prefix + "CompositeMeterRegistryAutoConfiguration",
                prefix + "export.simple.SimpleMetricsExportAutoConfiguration");
    }

    /** Boot's observation auto-configuration, which gives an application an {@code ObservationRegistry}. */
    public static AutoConfigurations observation() {
        return autoConfigurations(BOOT_4 ? "org.springframework.boot.micrometer.observation.autoconfigure"
                + ".ObservationAutoConfiguration"
                : "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration");
    }

    /**
     * The health that the registry's contributor {@code name} reports; with {@code member}, that of one member of a
     * composite contributor.
     */
    public static HealthReport health(ApplicationContext context, String name, String... member) {
        return BOOT_4 ? Boot4.health(context, name, member) : Boot3.health(context, name, member);
    }

    private static AutoConfigurations autoConfigurations(String... classNames) {
        return AutoConfigurations.of(Arrays.stream(classNames)
                .map(name -> ClassUtils.resolveClassName(name, BootLine.class.getClassLoader()))
                .toArray(Class<?>[]::new));
    }

    /**
     * A health result, the same on both generations.
     *
     * @param status the status code ({@code UP}, {@code DOWN}, ...)
     * @param details the details
     */
    public record HealthReport(String status, Map<String, Object> details) {
    }

    private static final class Boot4 {

        static HealthReport health(ApplicationContext context, String name, String... member) {
            org.springframework.boot.health.contributor.HealthContributor contributor = context
                    .getBean(org.springframework.boot.health.registry.HealthContributorRegistry.class)
                    .getContributor(name);
            for (String part : member) {
                contributor = ((org.springframework.boot.health.contributor.CompositeHealthContributor) contributor)
                        .getContributor(part);
            }
            org.springframework.boot.health.contributor.Health health =
                    ((org.springframework.boot.health.contributor.HealthIndicator) contributor).health();
            return new HealthReport(health.getStatus().getCode(), health.getDetails());
        }
    }

    private static final class Boot3 {

        static HealthReport health(ApplicationContext context, String name, String... member) {
            org.springframework.boot.actuate.health.HealthContributor contributor = context
                    .getBean(org.springframework.boot.actuate.health.HealthContributorRegistry.class)
                    .getContributor(name);
            for (String part : member) {
                contributor = ((org.springframework.boot.actuate.health.CompositeHealthContributor) contributor)
                        .getContributor(part);
            }
            org.springframework.boot.actuate.health.Health health =
                    ((org.springframework.boot.actuate.health.HealthIndicator) contributor).health();
            return new HealthReport(health.getStatus().getCode(), health.getDetails());
        }
    }
}
