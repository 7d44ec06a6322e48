package dev.gctyping.protocol.guest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gctyping.support.Json;
import java.util.ArrayList;
import java.util.List;

/** Decodes Guest API server frames into {@link GuestFrame} records; never throws, never drops. */
public final class GuestFrames {
    private GuestFrames() {}

    public static GuestFrame decode(String text) {
        JsonNode frame;
        try {
            frame = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            frame = null;
        }
        if (frame == null || !frame.isObject()) {
            return new GuestFrame.Unknown(new FrameHeader(null, null, 0, null), TextNode.valueOf(text));
        }
        return decode(frame);
    }

    public static GuestFrame decode(JsonNode frame) {
        FrameHeader header = new FrameHeader(
                text(frame, "type"), text(frame, "class"), frame.path("code").asInt(0), text(frame, "tracingId"));
        JsonNode body = frame.path("body");
        String className = header.className() == null ? "" : header.className();
        return switch (className) {
            case "SessionResponse" ->
                new GuestFrame.SessionResponse(
                        header,
                        body.path("connected").asBoolean(),
                        body.path("newSession").asBoolean(),
                        body.path("readOnly").asBoolean(),
                        body.path("clearedExistingSession").asBoolean(),
                        optionalLong(body, "maxCustomDataBytes"),
                        optionalLong(body, "durationSeconds"),
                        optionalLong(body, "expirationDate"),
                        text(body, "conversationId"));
            case "StructuredMessage" -> structuredMessage(header, body);
            case "TooManyRequestsErrorMessage" ->
                new GuestFrame.TooManyRequestsErrorMessage(
                        header,
                        body.path("retryAfter").asLong(0),
                        body.path("errorCode").asInt(header.code()),
                        text(body, "errorMessage"));
            case "string" -> new GuestFrame.ErrorMessage(header, body.isTextual() ? body.asText() : body.toString());
            case "ConnectionClosedEvent" -> new GuestFrame.ConnectionClosedEvent(header, text(body, "reason"));
            case "SessionExpiredEvent" -> new GuestFrame.SessionExpiredEvent(header);
            case "SessionClearedEvent" -> new GuestFrame.SessionClearedEvent(header);
            case "LogoutEvent" -> new GuestFrame.LogoutEvent(header);
            case "JwtResponse" ->
                new GuestFrame.JwtResponse(
                        header, text(body, "jwt"), body.path("exp").asLong());
            case "PresignedUrlResponse",
                    "AttachmentDeletedResponse",
                    "UploadSuccessEvent",
                    "UploadFailureEvent",
                    "GenerateUrlError" -> new GuestFrame.AttachmentFrame(header, body);
            default -> new GuestFrame.Unknown(header, frame);
        };
    }

    private static GuestFrame.StructuredMessage structuredMessage(FrameHeader header, JsonNode body) {
        List<GuestEvent> events = new ArrayList<>();
        for (JsonNode event : body.path("events")) {
            events.add(event(event));
        }
        return new GuestFrame.StructuredMessage(
                header,
                text(body, "type"),
                text(body, "direction"),
                text(body, "id"),
                text(body, "text"),
                text(body.path("channel"), "time"),
                text(body, "originatingEntity"),
                List.copyOf(events),
                body.path("metadata"));
    }

    private static GuestEvent event(JsonNode event) {
        String eventType = text(event, "eventType");
        if ("Typing".equals(eventType) && event.path("typing").isObject()) {
            JsonNode typing = event.path("typing");
            return new GuestEvent.Typing(text(typing, "type"), optionalLong(typing, "duration"));
        }
        if ("Presence".equals(eventType) && event.path("presence").isObject()) {
            return new GuestEvent.Presence(text(event.path("presence"), "type"));
        }
        return new GuestEvent.Unknown(eventType, event);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static Long optionalLong(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.canConvertToLong() || value.isTextual() && value.asText().matches("-?\\d{1,18}")
                ? value.asLong()
                : null;
    }
}
