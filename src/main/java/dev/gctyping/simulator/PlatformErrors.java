package dev.gctyping.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Genesys' {@code ErrorBody} (message, code, status, messageWithParams, messageParams, contextId, details, errors). */
final class PlatformErrors {
    private PlatformErrors() {}

    static ObjectNode body(int status, String code, String message, String contextId) {
        ObjectNode body = SimulatorJson.object();
        body.put("message", message);
        body.put("code", code);
        body.put("status", status);
        body.put("messageWithParams", message);
        body.putObject("messageParams");
        body.put("contextId", contextId);
        body.putArray("details");
        body.putArray("errors");
        return body;
    }

    static String tooManyRequestsMessage(long retryAfterSeconds) {
        return "Rate limit exceeded the maximum. Retry the request in [" + retryAfterSeconds + "] seconds";
    }
}
