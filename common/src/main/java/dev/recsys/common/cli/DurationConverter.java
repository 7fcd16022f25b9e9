package dev.recsys.common.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration as ISO-8601 ({@code PT60S}) or in the short forms people type ({@code 60s}, {@code 5m}, {@code 2h},
 * {@code 500ms}, or plain seconds such as {@code 90}); picocli's own converter takes ISO-8601 only.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @Override
    public Duration convert(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        if (value.startsWith("P")) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher m = SHORT.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(text);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static TypeConversionException invalid(String text) {
        return new TypeConversionException("'" + text + "' is not a duration (PT60S, 60s, 5m, 500ms or seconds)");
    }
}
