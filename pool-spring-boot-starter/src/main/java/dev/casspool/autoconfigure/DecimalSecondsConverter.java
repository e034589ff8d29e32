package dev.casspool.autoconfigure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.ConditionalGenericConverter;

/**
 * Binds {@link DecimalSeconds @DecimalSeconds} durations. Boot's own conversion accepts only whole numbers, so
 * {@code timeout: 0.5} (pycassa's default) would fail to bind; this converter reads a bare number, fraction and
 * exponent allowed, as seconds and leaves values with a unit to Boot's {@link DurationStyle}.
 *
 * <p>It matches only targets carrying the annotation, so registering it for configuration property binding leaves
 * every other {@code Duration} property alone. YAML hands numbers over as {@link Number}s, properties files and the
 * command line as {@link String}s; both are accepted.
 */
public final class DecimalSecondsConverter implements ConditionalGenericConverter {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, Duration.class),
                new ConvertiblePair(Number.class, Duration.class));
    }

    @Override
    public boolean matches(TypeDescriptor sourceType, TypeDescriptor targetType) {
        return targetType.hasAnnotation(DecimalSeconds.class);
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String value = source.toString().trim();
        if (value.isEmpty()) {
            return null;
        }
        if (DECIMAL.matcher(value).matches()) {
            return seconds(value);
        }
        try {
            return DurationStyle.detectAndParse(value, ChronoUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            // No cause: Boot's failure report shows the innermost message, and this one says what would read.
            throw new IllegalArgumentException("'" + value + "' is not a duration: use seconds (30, 0.5, -1), a"
                    + " number with a unit (500ms, 30s, 1m) or ISO-8601 (PT30S)");
        }
    }

    private static Duration seconds(String value) {
        BigDecimal nanos = new BigDecimal(value).movePointRight(9).setScale(0, RoundingMode.HALF_UP);
        try {
            return Duration.ofNanos(nanos.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + value + "' seconds is too long a duration", e);
        }
    }
}
