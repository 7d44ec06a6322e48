package dev.gctyping.protocol.guest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A decoded Guest API server frame, one record per {@code class} in docs/protocol.md
 * Classes we do not know stay as {@link Unknown} with their raw JSON: nothing is dropped.
 */
public sealed interface GuestFrame {
    FrameHeader header();

    /**
     * Reply to {@code configureSession}. {@code durationSeconds}/{@code expirationDate} (epoch s) are
     * null when absent; {@code conversationId} is the gctyping simulator's extension (null from Genesys).
     */
    record SessionResponse(
            FrameHeader header,
            boolean connected,
            boolean newSession,
            boolean readOnly,
            boolean clearedExistingSession,
            Long maxCustomDataBytes,
            Long durationSeconds,
            Long expirationDate,
            String conversationId)
            implements GuestFrame {}

    /**
     * A message: an agent or bot message ({@code Outbound}), the echo of our own ({@code Inbound}),
     * or events such as agent typing ({@code bodyType} {@code Event}).
     *
     * @param bodyType {@code Text}, {@code Event} or {@code Structured} (kept as sent when it is something else)
     * @param text null for events
     * @param channelTime the platform's {@code channel.time} (ISO-8601), or null
     * @param metadata the body's {@code metadata} object, or a missing node
     */
    record StructuredMessage(
            FrameHeader header,
            String bodyType,
            String direction,
            String id,
            String text,
            String channelTime,
            String originatingEntity,
            List<GuestEvent> events,
            JsonNode metadata)
            implements GuestFrame {
        public boolean isOutbound() {
            return "Outbound".equals(direction);
        }

        public boolean isText() {
            return "Text".equals(bodyType);
        }
    }

    /** Rate limited; {@code errorCode} is 4029 in Genesys' fixtures and 429 in real logs, so both are accepted. */
    record TooManyRequestsErrorMessage(FrameHeader header, long retryAfterSeconds, int errorCode, String errorMessage)
            implements GuestFrame {}

    /** Class {@code string}: an error whose body is text, e.g. code 4006 session expired, 4011 message too long. */
    record ErrorMessage(FrameHeader header, String message) implements GuestFrame {}

    /** Another connection took the session over; {@code reason} is null when absent ("session limit reached"). */
    record ConnectionClosedEvent(FrameHeader header, String reason) implements GuestFrame {}

    record SessionExpiredEvent(FrameHeader header) implements GuestFrame {}

    record SessionClearedEvent(FrameHeader header) implements GuestFrame {}

    record LogoutEvent(FrameHeader header) implements GuestFrame {}

    /** Reply to {@code getJwt}; {@code exp} in epoch seconds. */
    record JwtResponse(FrameHeader header, String jwt, long exp) implements GuestFrame {}

    /**
     * Attachment replies and events ({@code PresignedUrlResponse}, {@code AttachmentDeletedResponse},
     * {@code UploadSuccessEvent}, {@code UploadFailureEvent}, {@code GenerateUrlError}): recognised
     * but not interpreted, since gctyping sends no attachments; {@code header().className()} tells which.
     */
    record AttachmentFrame(FrameHeader header, JsonNode body) implements GuestFrame {}

    /** A class we do not know (or a frame that is not a JSON object), kept whole. */
    record Unknown(FrameHeader header, JsonNode raw) implements GuestFrame {}
}
