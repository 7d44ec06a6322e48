package dev.gctyping.protocol.guest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gctyping.support.Json;

/**
 * The Guest API requests a guest sends (docs/protocol.md), as JSON text frames. {@code token}
 * is the guest session token: a random UUID the client generates and keeps across reconnects.
 */
public final class GuestRequests {
    /** The fixed tracing id Genesys' transport SDK puts on its health-check echo (base64 of "HealthCheckMessageId"). */
    public static final String ECHO_TRACING_ID = "SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=";

    private GuestRequests() {}

    /** {@code configureSession}; {@code extraFields} (may be null) are merged in, e.g. the simulator's conversation field. */
    public static String configureSession(String token, String deploymentId, boolean startNew, ObjectNode extraFields) {
        ObjectNode request = request("configureSession", token, null)
                .put("deploymentId", deploymentId)
                .put("startNew", startNew);
        if (extraFields != null) {
            request.setAll(extraFields);
        }
        return write(request);
    }

    /** The health check: {@code echo} of a {@code ping} text, answered with the same tracing id. */
    public static String echo(String token) {
        return echo(token, ECHO_TRACING_ID);
    }

    /** An {@code echo} whose answer is known by its own tracing id. */
    public static String echo(String token, String tracingId) {
        ObjectNode request = request("echo", token, tracingId);
        request.putObject("message").put("type", "Text").put("text", "ping");
        return write(request);
    }

    public static String text(String token, String text, String tracingId) {
        ObjectNode request = request("onMessage", token, tracingId);
        request.putObject("message").put("type", "Text").put("text", text);
        return write(request);
    }

    /** The guest's own typing: an {@code onMessage} {@code Event} with {@code Typing On} (counts against the session's message rate). */
    public static String typing(String token, String tracingId) {
        ObjectNode request = request("onMessage", token, tracingId);
        ObjectNode message = request.putObject("message");
        message.putArray("events")
                .addObject()
                .put("eventType", "Typing")
                .putObject("typing")
                .put("type", "On");
        message.put("type", "Event");
        return write(request);
    }

    private static ObjectNode request(String action, String token, String tracingId) {
        ObjectNode request =
                Json.MAPPER.createObjectNode().put("action", action).put("token", token);
        if (tracingId != null) {
            request.put("tracingId", tracingId);
        }
        return request;
    }

    private static String write(ObjectNode request) {
        try {
            return Json.MAPPER.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }
}
