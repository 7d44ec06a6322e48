package dev.gctyping.trace;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The two ways a trace may write {@code ts}: epoch millis, or an ISO-8601 instant. Either must lie
 * within the years 0000 to 9999, the instants a four-digit ISO year can write: a payload's
 * timestamp must print as a plain ISO time, and the engine's arithmetic on times cannot overflow.
 */
final class TraceTimestamps {
    /** 0000-01-01T00:00:00Z. */
    static final long MIN = -62_167_219_200_000L;
    /** 9999-12-31T23:59:59.999Z. */
    static final long MAX = 253_402_300_799_999L;

    private TraceTimestamps() {}

    static long parseIso(String value) throws InvalidLine {
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                instant = OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidLine(
                        "ts \"" + value + "\" is not an ISO-8601 instant (e.g. 2025-11-24T16:00:00.120Z)");
            }
        }
        // by whole seconds: a fraction beyond the milliseconds is dropped, as the scanner drops it
        if (instant.getEpochSecond() < Math.floorDiv(MIN, 1000)
                || instant.getEpochSecond() > Math.floorDiv(MAX, 1000)) {
            throw outOfRange("\"" + value + "\"");
        }
        return instant.toEpochMilli();
    }

    /** Parses text that is either all digits (epoch millis, optionally negative) or ISO-8601. */
    static long parse(String value) throws InvalidLine {
        if (value.isEmpty()) {
            throw new InvalidLine("missing ts");
        }
        char first = value.charAt(0);
        if ((first >= '0' && first <= '9' || first == '-') && value.indexOf('T') < 0) {
            try {
                return inRange(Long.parseLong(value));
            } catch (NumberFormatException e) {
                if (value.matches("-?[0-9]+")) {
                    throw outOfRange(value); // beyond a long
                }
                throw new InvalidLine("ts \"" + value + "\" must be whole epoch milliseconds or an ISO-8601 instant");
            }
        }
        return parseIso(value);
    }

    /** The epoch millis, if within {@link #MIN} and {@link #MAX}. */
    static long inRange(long millis) throws InvalidLine {
        if (millis < MIN || millis > MAX) {
            throw outOfRange(Long.toString(millis));
        }
        return millis;
    }

    static InvalidLine outOfRange(String ts) {
        return new InvalidLine(
                "ts " + ts + " is outside the years 0000 to 9999 (epoch milliseconds " + MIN + " to " + MAX + ")");
    }
}
