package dev.gctyping.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gctyping.protocol.IsoMillis;
import dev.gctyping.support.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** JSON bodies and the timestamp rules every simulator endpoint shares, on the one {@link Json} mapper. */
final class SimulatorJson {
    private SimulatorJson() {
    }

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    /** Parses a request body; null when it is not a JSON object (the caller answers 400). */
    static ObjectNode parseObject(String text) {
        return Json.parse(text) instanceof ObjectNode object ? object : null;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ}: Genesys' SDKs misread more fraction digits. */
    static String iso(long epochMillis) {
        return new IsoMillis().format(epochMillis);
    }

    /**
     * A trace time given as ISO-8601 (with or without zone; no zone means UTC) or as epoch
     * milliseconds (a number or a string of digits).
     *
     * @throws IllegalArgumentException when it is neither
     */
    static long traceTime(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isTextual()) {
            return traceTime(node.asText());
        }
        throw new IllegalArgumentException("expected an ISO-8601 time or epoch milliseconds");
    }

    static long traceTime(String text) {
        String value = text.trim();
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(value);
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException zoned) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException local) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 time or epoch milliseconds");
            }
        }
    }
}
