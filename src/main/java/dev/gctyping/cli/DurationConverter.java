package dev.gctyping.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses durations such as {@code 500ms}, {@code 3s}, {@code 1.5s}, {@code 2m} (a bare number is milliseconds) into milliseconds. */
public final class DurationConverter implements ITypeConverter<Long> {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    @Override
    public Long convert(String value) {
        return parseMillis(value);
    }

    public static long parseMillis(String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration (examples: 250ms, 3s, 1.5s, 2m)");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        double millis = switch (unit) {
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount;
        };
        if (millis < 1 || millis > Long.MAX_VALUE / 4) {
            throw new TypeConversionException("'" + value + "' must be at least 1ms");
        }
        return Math.round(millis);
    }
}
