package dev.gctyping.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gctyping.support.Json;
import dev.gctyping.support.JsonLine;

/**
 * The Web Messaging Guest API frames the simulator writes (docs/protocol.md, "Guest side"):
 * {@code {"type":"response"|"message","class":…,"code":…,"body":…,"tracingId"?}}.
 */
final class GuestFrameWriter {
    /** A pushed frame and the trace time it stands for. */
    record Frame(String json, long traceTimeMs) {}

    private GuestFrameWriter() {}

    /** Agent typing: {@code StructuredMessage} {@code Event} {@code Outbound} with one {@code Typing} event. */
    static Frame typing(String type, Long durationMs, long at) {
        return new Frame(typingFrame("Outbound", type, durationMs, at, null), at);
    }

    /**
     * A typing frame, written as text rather than built as a tree: it is the frame of every payload,
     * and Jackson's tree and writer were a fifth of the simulator's CPU per payload. The same
     * fields, in the same order, as {@link #body} and {@link #frame} give any other message; only
     * the tracing id comes from a client, and it is escaped.
     */
    private static String typingFrame(String direction, String type, Long durationMs, long at, String tracingId) {
        String id = Ids.uuid();
        StringBuilder frame = new StringBuilder(384)
                .append("{\"type\":\"message\",\"class\":\"StructuredMessage\",\"code\":200,")
                .append("\"body\":{\"type\":\"Event\",\"direction\":\"")
                .append(direction)
                .append("\",\"id\":\"")
                .append(id)
                .append("\",\"channel\":{\"time\":\"");
        SimulatorJson.appendIso(frame, at)
                .append("\",\"messageId\":\"")
                .append(id)
                .append("\"},\"events\":[{\"eventType\":\"Typing\",\"typing\":{\"type\":\"")
                .append(type)
                .append('"');
        if (durationMs != null) {
            frame.append(",\"duration\":").append(durationMs);
        }
        frame.append("}}]}");
        if (tracingId != null) {
            JsonLine.appendString(frame.append(",\"tracingId\":"), tracingId);
        }
        return frame.append('}').toString();
    }

    /** The agent's message: {@code StructuredMessage} {@code Text} {@code Outbound}. */
    static Frame agentText(String messageId, String text, long at) {
        ObjectNode body = body("Text", "Outbound", at);
        body.put("id", messageId);
        ((ObjectNode) body.get("channel")).put("messageId", messageId);
        body.put("text", text);
        body.put("originatingEntity", "Human");
        return new Frame(frame("message", "StructuredMessage", 200, body, null), at);
    }

    /**
     * A {@code StructuredMessage} body as every one the platform sends has it: {@code id}, and
     * {@code channel} with {@code time} (clients order messages by it) and {@code messageId}.
     */
    private static ObjectNode body(String type, String direction, long at) {
        String id = Ids.uuid();
        ObjectNode body = SimulatorJson.object();
        body.put("type", type);
        body.put("direction", direction);
        body.put("id", id);
        body.putObject("channel").put("time", SimulatorJson.iso(at)).put("messageId", id);
        return body;
    }

    static String sessionResponse(boolean newSession, String conversationId, String tracingId) {
        ObjectNode body = sessionBody(true, newSession, false);
        // not in Genesys' SessionResponse: tells a simulator guest which conversation it joined
        body.put("conversationId", conversationId);
        return response("SessionResponse", 200, body, tracingId);
    }

    /**
     * The reply to {@code closeSession}: a {@code SessionResponse} with {@code connected:false} and
     * {@code readOnly:true}, on which Genesys' transport SDK configures a new session on the same socket.
     */
    static String sessionClosed(String tracingId) {
        return response("SessionResponse", 200, sessionBody(false, false, true), tracingId);
    }

    private static ObjectNode sessionBody(boolean connected, boolean newSession, boolean readOnly) {
        ObjectNode body = SimulatorJson.object();
        body.put("connected", connected);
        body.put("newSession", newSession);
        body.put("readOnly", readOnly);
        body.put("maxCustomDataBytes", 2048);
        body.put("clearedExistingSession", false);
        return body;
    }

    /** Pushed to the session's other connections when one of them closes the session; the client then disconnects. */
    static String connectionClosed() {
        return frame("message", "ConnectionClosedEvent", 200, SimulatorJson.object(), null);
    }

    /** The reply to {@code echo}: the guest's "ping" as an Inbound text, keeping the request's tracingId. */
    static String echo(String text, JsonNode metadata, long at, String tracingId) {
        return response("StructuredMessage", 200, inboundText(text, metadata, at), tracingId);
    }

    /** A guest's own text comes back as an Inbound {@code StructuredMessage}. */
    static String guestTextEcho(String text, JsonNode metadata, long at, String tracingId) {
        return frame("message", "StructuredMessage", 200, inboundText(text, metadata, at), tracingId);
    }

    /**
     * A guest's own typing comes back as an Inbound {@code Event} (Genesys' transport SDK ignores
     * inbound typing; an agent's desktop shows "customer is typing").
     */
    static String guestTypingEcho(long at, String tracingId) {
        return typingFrame("Inbound", "On", null, at, tracingId);
    }

    /** The request's {@code metadata} (e.g. a {@code customMessageId}) comes back with the echo, as in Genesys' fixtures. */
    private static ObjectNode inboundText(String text, JsonNode metadata, long at) {
        ObjectNode body = body("Text", "Inbound", at);
        body.put("text", text);
        if (metadata != null && metadata.isObject() && !metadata.isEmpty()) {
            body.set("metadata", metadata.deepCopy());
        }
        return body;
    }

    static String tooManyRequests(long retryAfterSeconds, String tracingId) {
        ObjectNode body = SimulatorJson.object();
        body.put("retryAfter", retryAfterSeconds);
        body.put("errorCode", 4029);
        body.put("errorMessage", "Message rate too high for this session");
        return response("TooManyRequestsErrorMessage", 429, body, tracingId);
    }

    /** A plain reply, as the platform sends errors: {@code class:"string"}, the text in {@code body}. */
    static String text(int code, String text, String tracingId) {
        return frame("response", "string", code, TextNode.valueOf(text), tracingId);
    }

    private static String response(String className, int code, JsonNode body, String tracingId) {
        return frame("response", className, code, body, tracingId);
    }

    private static String frame(String type, String className, int code, JsonNode body, String tracingId) {
        ObjectNode frame = SimulatorJson.object();
        frame.put("type", type);
        frame.put("class", className);
        frame.put("code", code);
        frame.set("body", body);
        if (tracingId != null) {
            frame.put("tracingId", tracingId);
        }
        return Json.write(frame);
    }
}
