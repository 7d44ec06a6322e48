package dev.gctyping.trace;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The two ways a trace may write {@code ts}: epoch millis, or an ISO-8601 instant. */
final class TraceTimestamps {
    private TraceTimestamps() {
    }

    static long parseIso(String value) throws InvalidLine {
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(value).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new InvalidLine("ts \"" + value + "\" is not an ISO-8601 instant (e.g. 2025-11-24T16:00:00.120Z)");
            }
        }
    }

    /** Parses text that is either all digits (epoch millis, optionally negative) or ISO-8601. */
    static long parse(String value) throws InvalidLine {
        if (value.isEmpty()) {
            throw new InvalidLine("missing ts");
        }
        char first = value.charAt(0);
        if ((first >= '0' && first <= '9' || first == '-') && value.indexOf('T') < 0) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new InvalidLine("ts \"" + value + "\" must be whole epoch milliseconds or an ISO-8601 instant");
            }
        }
        return parseIso(value);
    }
}
