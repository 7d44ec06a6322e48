package dev.gctyping.support;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them: {@code 500ms}, {@code 3s}, {@code 1.5s}, {@code 2m}, {@code 1h}. The unit is
 * required: a bare {@code 3} read as milliseconds silently gave an expiry a thousand times too short.
 */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final String UNITS = "units: ms, s, m, h";

    private Durations() {}

    /** A span for people: {@code 0.4 s}, {@code 46 s}, {@code 3 min 20 s}, {@code 2 h 5 min}. */
    public static String describe(long millis) {
        long seconds = Math.round(millis / 1000.0);
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        long minutes = Math.round(seconds / 60.0);
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }

    /** Milliseconds, at least 1; throws IllegalArgumentException with a user-facing message. */
    public static long parseMillis(String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + value + "' is not a duration (examples: 250ms, 3s, 1.5s, 2m; " + UNITS + ")");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            throw new IllegalArgumentException("'" + value + "' has no unit: write " + m.group(1) + "s or "
                    + new BigDecimal(m.group(1))
                            .multiply(BigDecimal.valueOf(1000))
                            .stripTrailingZeros()
                            .toPlainString()
                    + "ms (" + UNITS + ")");
        }
        double millis = switch (unit) {
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount;
        };
        if (millis < 1 || millis > Long.MAX_VALUE / 4) {
            throw new IllegalArgumentException("'" + value + "' must be at least 1ms");
        }
        return Math.round(millis);
    }
}
