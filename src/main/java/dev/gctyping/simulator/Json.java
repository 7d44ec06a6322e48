package dev.gctyping.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gctyping.protocol.IsoMillis;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The simulator's one ObjectMapper, and the timestamp rules every endpoint shares. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses a request body; null when it is not a JSON object (the caller answers 400). */
    static ObjectNode parseObject(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
