package dev.gctyping.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gctyping.protocol.IsoMillis;
import dev.gctyping.support.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** JSON bodies and the timestamp rules every simulator endpoint shares, on the one {@link Json} mapper. */
final class SimulatorJson {
    /** Times a request may carry: ISO-8601's four-digit years, as {@code yyyy-MM-ddTHH:mm:ss[.mmm]Z} writes them. */
    static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /** A body is one JSON value: text after it is malformed, as a real API's parser says. */
    private static final ObjectReader STRICT =
            Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SimulatorJson() {}

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    /** Parses a request body; null when it is not one JSON object (the caller answers 400). */
    static ObjectNode parseObject(String text) {
        try {
            return STRICT.readTree(text) instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Each thread's formatter, which keeps the day it last wrote (not thread-safe, and built per call it kept none). */
    private static final ThreadLocal<IsoMillis> ISO = ThreadLocal.withInitial(IsoMillis::new);

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ}: Genesys' SDKs misread more fraction digits. */
    static String iso(long epochMillis) {
        return ISO.get().format(epochMillis);
    }

    /** {@link #iso} appended to {@code out}, which is returned. */
    static StringBuilder appendIso(StringBuilder out, long epochMillis) {
        ISO.get().append(out, epochMillis);
        return out;
    }

    /**
     * A trace time given as ISO-8601 (with or without zone; no zone means UTC) or as epoch
     * milliseconds (a whole JSON number, or a string of ASCII digits), between {@link #EARLIEST} and
     * {@link #LATEST}.
     *
     * @throws IllegalArgumentException when it is neither, or out of that range
     */
    static long traceTime(JsonNode node) {
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw outOfRange(node.asText());
            }
            return inRange(Instant.ofEpochMilli(node.asLong()), node.asText());
        }
        if (node.isTextual()) {
            return traceTime(node.asText());
        }
        throw new IllegalArgumentException("expected an ISO-8601 time or epoch milliseconds");
    }

    static long traceTime(String text) {
        String value = text.trim();
        if (allDigits(value)) {
            try {
                return inRange(Instant.ofEpochMilli(Long.parseLong(value)), text);
            } catch (NumberFormatException tooLong) {
                throw outOfRange(text);
            }
        }
        long canonical = IsoMillis.parseCanonical(value);
        if (canonical != IsoMillis.NOT_CANONICAL) {
            return inRange(Instant.ofEpochMilli(canonical), text);
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException zoned) {
            try {
                instant = LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException local) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 time or epoch milliseconds");
            }
        }
        return inRange(instant, text);
    }

    private static boolean allDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return !value.isEmpty();
    }

    private static long inRange(Instant instant, String text) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw outOfRange(text);
        }
        return instant.toEpochMilli();
    }

    private static IllegalArgumentException outOfRange(String text) {
        return new IllegalArgumentException("'" + text + "' is outside the years 0000 to 9999");
    }
}
