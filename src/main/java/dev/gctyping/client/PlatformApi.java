package dev.gctyping.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.protocol.IsoMillis;
import dev.gctyping.protocol.SimulatorApi;
import dev.gctyping.support.Json;
import dev.gctyping.support.JsonLine;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticated JSON calls to the platform API (the {@code agent-api} dialect and lookups). Retries
 * follow {@link RetryingHttp}; a 401 (a token that expired early) fetches a fresh token and repeats
 * the call, up to {@value #MAX_REAUTHENTICATIONS} times: a token can expire again before a slow
 * call uses it, while credentials that are wrong fail at the token request itself. Thread-safe.
 */
public final class PlatformApi {
    /** Our own header: the trace time of an agent message. The simulator uses it; Genesys ignores unknown headers. */
    public static final String TRACE_TIME_HEADER = "Gctyping-Trace-Time";

    static final int MAX_REAUTHENTICATIONS = 3;
    private static final Logger log = LoggerFactory.getLogger(PlatformApi.class);

    private final OAuthClient oauth;
    private final RetryingHttp http;
    private final Target target;

    public PlatformApi(OAuthClient oauth, RetryingHttp http) {
        this(oauth, http, oauth.target());
    }

    private PlatformApi(OAuthClient oauth, RetryingHttp http, Target target) {
        this.oauth = oauth;
        this.http = http;
        this.target = target;
    }

    /** The same client, its requests naming a simulator run ({@link SimulatorApi#RUN_HEADER}); see {@link Target#withRun}. */
    public PlatformApi forRun(String run) {
        return new PlatformApi(oauth, http, target.withRun(run));
    }

    public RequestStats stats() {
        return http.stats();
    }

    /** Agent typing: {@code {"typing":{"type":"On","duration":D},"dateSent":…}}. The API has no "Off". */
    public void sendTyping(String conversationId, String communicationId, long durationMs, long dateSentMillis) {
        sendTyping(conversationId, communicationId, durationMs, dateSentMillis, null);
    }

    /** @param call also counts this call's attempts (null for none) */
    public void sendTyping(
            String conversationId, String communicationId, long durationMs, long dateSentMillis, RequestStats call) {
        call(
                "POST",
                typingPath(conversationId, communicationId),
                utf8(typingBody(durationMs, dateSentMillis)),
                null,
                call);
    }

    /** The typing request's path: {@code /api/v2/conversations/messages/{id}/communications/{communicationId}/typing}. */
    public static String typingPath(String conversationId, String communicationId) {
        return communicationPath(conversationId, communicationId) + "/typing";
    }

    /** {@code {"typing":{"type":"On","duration":D},"dateSent":…}}: built without Jackson, so printing it loads none. */
    public static String typingBody(long durationMs, long dateSentMillis) {
        String typing = JsonLine.object()
                .field("type", "On")
                .field("duration", durationMs)
                .toString();
        return JsonLine.object()
                .rawField("typing", typing)
                .field("dateSent", new IsoMillis().format(dateSentMillis))
                .toString();
    }

    /** The agent's message, which ends the guest's typing indicator; {@code traceTimeMillis} rides in {@link #TRACE_TIME_HEADER}. */
    public void sendMessage(String conversationId, String communicationId, String text, long traceTimeMillis) {
        sendMessage(conversationId, communicationId, text, traceTimeMillis, null);
    }

    /** @param call also counts this call's attempts (null for none) */
    public void sendMessage(
            String conversationId, String communicationId, String text, long traceTimeMillis, RequestStats call) {
        call(
                "POST",
                messagePath(conversationId, communicationId),
                utf8(messageBody(text)),
                new IsoMillis().format(traceTimeMillis),
                call);
    }

    public static String messagePath(String conversationId, String communicationId) {
        return communicationPath(conversationId, communicationId) + "/messages";
    }

    public static String messageBody(String text) {
        return JsonLine.object().field("textBody", text).toString();
    }

    /** {@code GET /api/v2/conversations/{id}}: the conversation and its agent's messages communication id. */
    public MessagingConversation conversation(String conversationId) {
        JsonNode body = call("GET", "/api/v2/conversations/" + encode(conversationId), null, null, null);
        return MessagingConversation.from(conversationId, body);
    }

    /**
     * The gctyping simulator only ({@code POST /sim/conversations/{id}/agents}): an agent participant
     * with this messages communication joins the conversation, as one does on an org by accepting it,
     * so that a trace's own communication ids can be typed on. Idempotent.
     */
    public void joinSimulatedAgent(String conversationId, String communicationId, String userId) {
        String body = JsonLine.object()
                .field("communicationId", communicationId)
                .field("userId", userId)
                .toString();
        call("POST", "/sim/conversations/" + encode(conversationId) + "/agents", utf8(body), null, null);
    }

    /** {@code POST /api/v2/analytics/conversations/details/query} with the caller's query; returns the response as is. */
    public JsonNode analyticsQuery(JsonNode query) {
        return call("POST", "/api/v2/analytics/conversations/details/query", toBytes(query), null, null);
    }

    private static String communicationPath(String conversationId, String communicationId) {
        return "/api/v2/conversations/messages/" + encode(conversationId) + "/communications/"
                + encode(communicationId);
    }

    private JsonNode call(String method, String path, byte[] payload, String traceTime, RequestStats callStats) {
        URI uri = target.api(path);
        String what = method + " " + path + " on " + target.environment();
        for (int reauthentications = 0; ; reauthentications++) {
            String authorization = oauth.token().authorizationHeader();
            HttpResponse<String> response = http.send(
                    () -> {
                        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                                .timeout(RetryingHttp.REQUEST_TIMEOUT)
                                .header("Authorization", authorization)
                                .header("Accept", "application/json");
                        if (traceTime != null) {
                            request.header(TRACE_TIME_HEADER, traceTime);
                        }
                        if (target.run() != null) {
                            request.header(SimulatorApi.RUN_HEADER, target.run());
                        }
                        if (payload == null) {
                            return request.method(method, HttpRequest.BodyPublishers.noBody())
                                    .build();
                        }
                        return request.header("Content-Type", "application/json")
                                .method(method, HttpRequest.BodyPublishers.ofByteArray(payload))
                                .build();
                    },
                    what,
                    callStats);
            int status = response.statusCode();
            if (status == 401 && reauthentications < MAX_REAUTHENTICATIONS) {
                log.debug("{}: 401, fetching a fresh token and trying again", what);
                http.stats().reauthentication();
                if (callStats != null) {
                    callStats.reauthentication();
                }
                oauth.invalidate();
                continue;
            }
            if (status == 401 || status == 403) {
                throw new AuthException(what + " was refused (HTTP " + status + ") for client id " + target.clientId()
                        + (status == 403 ? "; check the OAuth client's roles and permissions" : ""));
            }
            if (status < 200 || status >= 300) {
                throw new ApiException(status, what + " failed: HTTP " + status + errorMessage(response.body()));
            }
            return parse(response.body());
        }
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] toBytes(JsonNode body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body cannot be serialised", e);
        }
    }

    /** Any 2xx is success and its body may be empty (typing answers with none). */
    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return Json.MAPPER.missingNode();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return Json.MAPPER.missingNode();
        }
    }

    /** The platform's ErrorBody {@code message}, when there is one. */
    private static String errorMessage(String body) {
        JsonNode message = parse(body).path("message");
        return message.isTextual() ? ": " + message.asText() : "";
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
