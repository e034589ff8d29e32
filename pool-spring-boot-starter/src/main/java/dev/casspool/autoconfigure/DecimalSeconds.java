package dev.casspool.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link java.time.Duration} configuration property that reads a bare number as seconds, fraction allowed
 * ({@code 30}, {@code 0.5}, {@code -1}), as pycassa's settings do. Values with a unit ({@code 500ms}, {@code 30s}) or
 * in ISO-8601 ({@code PT30S}) are read as Spring Boot reads them. Only properties carrying this annotation are
 * affected; every other {@code Duration} keeps Boot's own conversion.
 *
 * @see DecimalSecondsConverter
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DecimalSeconds {
}
