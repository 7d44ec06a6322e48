package dev.gctyping.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gctyping.simulator.Conversation.AgentParticipant;
import dev.gctyping.simulator.Conversation.Snapshot;
import dev.gctyping.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's HTTP side on the JDK's HttpServer: OAuth, the Platform API endpoints gctyping uses,
 * and {@code /sim/info}, {@code /sim/report}. Requests run on a small pool this class shuts down.
 */
final class HttpApi implements AutoCloseable {
    /** Trace time of the agent's message (ISO-8601 or epoch ms): the message POST has no time field of its own. */
    static final String TRACE_TIME_HEADER = "Gctyping-Trace-Time";
    static final String CORRELATION_HEADER = "ININ-Correlation-Id";
    /** The platform's {@code request.bytes.max}. */
    private static final int MAX_BODY_BYTES = 512_000;
    /** What agents may send on web messaging (help.mypurecloud.com: "Web messaging: 4000"). */
    static final int MAX_TEXT_LENGTH = 4000;

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final Pattern CONVERSATION = Pattern.compile("/api/v2/conversations/messages/([^/]+)");
    private static final Pattern COMMUNICATION =
            Pattern.compile("/api/v2/conversations/messages/([^/]+)/communications/([^/]+)/(typing|messages)");
    private static final String ANALYTICS = "/api/v2/analytics/conversations/details/query";

    private final SimulatorConfig config;
    private final TokenStore tokens;
    private final Faults faults;
    private final Conversations conversations;
    private final Supplier<SimulatorReport> report;
    private final Supplier<URI> wsUri;
    private final LongSupplier clock;
    private final HttpServer server;
    private final ExecutorService executor;

    HttpApi(SimulatorConfig config, TokenStore tokens, Faults faults, Conversations conversations,
            Supplier<SimulatorReport> report, Supplier<URI> wsUri, LongSupplier clock) throws IOException {
        this.config = config;
        this.tokens = tokens;
        this.faults = faults;
        this.conversations = conversations;
        this.report = report;
        this.wsUri = wsUri;
        this.clock = clock;
        try {
            this.server = HttpServer.create(new InetSocketAddress(config.host(), config.httpPort()), 0);
        } catch (BindException e) {
            throw new BindException("cannot listen for HTTP on " + config.host() + ":" + config.httpPort() + ": " + e.getMessage());
        }
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "sim-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://" + config.host() + ":" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One exchange: its parsed parts and the reply helpers. */
    private static final class Call {
        final HttpExchange exchange;
        final String method;
        final String path;
        final String correlationId = UUID.randomUUID().toString();
        String body;
        int status;

        Call(HttpExchange exchange) {
            this.exchange = exchange;
            this.method = exchange.getRequestMethod();
            this.path = exchange.getRequestURI().getPath();
        }

        String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        void json(int code, JsonNode payload) throws IOException {
            byte[] bytes = Json.write(payload).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            send(code, bytes);
        }

        void empty(int code) throws IOException {
            send(code, null);
        }

        private void send(int code, byte[] bytes) throws IOException {
            status = code;
            if (path.startsWith("/api/")) {
                exchange.getResponseHeaders().set(CORRELATION_HEADER, correlationId);
            }
            exchange.sendResponseHeaders(code, bytes == null ? -1 : bytes.length);
            if (bytes != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }

        void error(int code, String errorCode, String message) throws IOException {
            json(code, PlatformErrors.body(code, errorCode, message, correlationId));
        }
    }

    private void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        Call call = new Call(exchange);
        try {
            call.body = readBody(exchange);
            if (call.body == null) {
                call.error(413, "request.too.large", "The request is larger than " + MAX_BODY_BYTES + " bytes");
            } else {
                route(call);
            }
        } catch (Exception e) {
            LOG.warn("{} {} failed: {}", call.method, call.path, e.toString());
            try {
                call.error(500, "internal.server.error", "The simulator failed: " + e.getMessage());
            } catch (IOException | IllegalStateException replyFailed) {
                // headers were already sent, or the client is gone: nothing more to say
            }
        } finally {
            exchange.close();
            LOG.debug("{} {} -> {} in {} ms", call.method, call.path, call.status,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** The body as text; null when it exceeds the platform's limit. Always drained, as HttpServer needs. */
    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                in.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private void route(Call call) throws IOException {
        if (call.path.startsWith("/sim/")) {
            simulator(call);
            return;
        }
        faults.delay();
        if (call.path.equals("/oauth/token")) {
            token(call);
            return;
        }
        if (!call.path.startsWith("/api/v2/")) {
            call.error(404, "not.found", "No resource at " + call.path);
            return;
        }
        if (!admitted(call)) {
            return;
        }
        Matcher communication = COMMUNICATION.matcher(call.path);
        Matcher conversation = CONVERSATION.matcher(call.path);
        if (communication.matches() && call.method.equals("POST")) {
            Conversation target = conversations.get(communication.group(1));
            if (communication.group(3).equals("typing")) {
                typing(call, target, communication.group(2));
            } else {
                message(call, target, communication.group(2));
            }
        } else if (conversation.matches() && call.method.equals("GET")) {
            call.json(200, messageConversation(conversations.get(conversation.group(1)).snapshot()));
        } else if (call.path.equals(ANALYTICS) && call.method.equals("POST")) {
            analytics(call);
        } else {
            call.error(404, "not.found", "No resource for " + call.method + " " + call.path);
        }
    }

    /** Bearer check, the per-token rate limit, then injected faults; false when the call was already answered. */
    private boolean admitted(Call call) throws IOException {
        TokenStore.Check check = tokens.check(call.header("Authorization"));
        switch (check.status()) {
            case MISSING -> {
                faults.unauthorized.incrementAndGet();
                call.error(401, "authentication.required",
                        "No authentication bearer token specified in authorization header.");
                return false;
            }
            case INVALID, EXPIRED -> {
                faults.unauthorized.incrementAndGet();
                call.error(401, "bad.credentials", "Invalid login credentials.");
                return false;
            }
            case OK -> {
                // admitted so far
            }
        }
        long waitMs = check.token().rate.tryAcquire(clock.getAsLong());
        if (waitMs > 0) {
            faults.rateLimited.incrementAndGet();
            tooManyRequests(call, SlidingWindowLimiter.retryAfterSeconds(waitMs));
            return false;
        }
        int injected = faults.apiFault();
        if (injected == 429) {
            tooManyRequests(call, 1);
            return false;
        }
        if (injected != 0) {
            call.error(injected, "service.unavailable", "The service is currently unavailable (injected fault)");
            return false;
        }
        return true;
    }

    private static void tooManyRequests(Call call, long retryAfterSeconds) throws IOException {
        call.exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        call.error(429, "too.many.requests", PlatformErrors.tooManyRequestsMessage(retryAfterSeconds));
    }

    private void token(Call call) throws IOException {
        if (!call.method.equals("POST")) {
            oauthError(call, 405, "invalid_request", "use POST");
            return;
        }
        if (faults.refuseTokenRequest()) {
            call.exchange.getResponseHeaders().set("Retry-After", "1");
            oauthError(call, 429, "too_many_requests", "Rate limit exceeded, retry later");
            return;
        }
        Map<String, String> form = form(call.body);
        String[] credentials = basicCredentials(call.header("Authorization"));
        if (credentials == null) {
            credentials = new String[] {form.get("client_id"), form.get("client_secret")};
        }
        if (!validClient(credentials[0], credentials[1])) {
            oauthError(call, 401, "invalid_client", "authentication failed");
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            oauthError(call, 400, "unsupported_grant_type", "grant_type must be client_credentials");
            return;
        }
        ObjectNode body = SimulatorJson.object();
        body.put("access_token", tokens.issue());
        body.put("token_type", "bearer");
        body.put("expires_in", config.tokenTtlSeconds());
        call.json(200, body);
    }

    private static void oauthError(Call call, int status, String error, String description) throws IOException {
        ObjectNode body = SimulatorJson.object();
        body.put("error", error);
        body.put("description", description);
        body.put("error_description", description);
        call.json(status, body);
    }

    private boolean validClient(String clientId, String clientSecret) {
        return clientId != null && clientSecret != null && clientId.equals(config.clientId())
                && MessageDigest.isEqual(clientSecret.getBytes(StandardCharsets.UTF_8),
                        config.clientSecret().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code Basic base64(urlencode(id):urlencode(secret))} (RFC 6749 §2.3.1); null when absent or malformed. */
    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {urlDecode(decoded.substring(0, colon)), urlDecode(decoded.substring(colon + 1))};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(urlDecode(pair.substring(0, eq)), urlDecode(pair.substring(eq + 1)));
            }
        }
        return fields;
    }

    private static String urlDecode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** {@code {"typing":{"type":"On","duration"?:ms},"dateSent"?:"…Z"}} → 202, empty body. */
    private void typing(Call call, Conversation conversation, String communicationId) throws IOException {
        ObjectNode body = SimulatorJson.parseObject(call.body);
        if (body == null || !body.path("typing").isObject()) {
            call.error(400, "bad.request", "The request body must be a JSON object with a \"typing\" object");
            return;
        }
        JsonNode typing = body.get("typing");
        if (!typing.path("type").asText("").equals("On")) {
            call.error(400, "bad.request",
                    "typing.type must be \"On\": the agent typing API has no other value (there is no \"Off\")");
            return;
        }
        JsonNode duration = typing.path("duration");
        if (!duration.isMissingNode() && !duration.isNull() && (!duration.canConvertToLong() || duration.asLong() < 0)) {
            call.error(400, "bad.request", "typing.duration must be a whole number of milliseconds");
            return;
        }
        long at;
        try {
            at = body.hasNonNull("dateSent") ? SimulatorJson.traceTime(body.get("dateSent")) : clock.getAsLong();
        } catch (IllegalArgumentException e) {
            call.error(400, "bad.request", "dateSent: " + e.getMessage());
            return;
        }
        Long durationMs = duration.canConvertToLong() ? duration.asLong() : null;
        conversation.agentTyping(communicationId, at, durationMs);
        call.empty(202);
    }

    /** {@code {"textBody":…}} → pushed to the guests; replies with the message entity. */
    private void message(Call call, Conversation conversation, String communicationId) throws IOException {
        ObjectNode body = SimulatorJson.parseObject(call.body);
        if (body == null || !body.path("textBody").isTextual() || body.get("textBody").asText().isEmpty()) {
            call.error(400, "bad.request", "The request body must be a JSON object with a non-empty \"textBody\"");
            return;
        }
        String text = body.get("textBody").asText();
        if (text.length() > MAX_TEXT_LENGTH) {
            call.error(400, "bad.request", "textBody is longer than " + MAX_TEXT_LENGTH + " characters");
            return;
        }
        long at;
        try {
            String traceTime = call.header(TRACE_TIME_HEADER);
            at = traceTime == null ? clock.getAsLong() : SimulatorJson.traceTime(traceTime);
        } catch (IllegalArgumentException e) {
            call.error(400, "bad.request", TRACE_TIME_HEADER + ": " + e.getMessage());
            return;
        }
        String messageId = UUID.randomUUID().toString();
        conversation.agentMessage(communicationId, at, messageId, text);
        ObjectNode entity = SimulatorJson.object();
        entity.put("id", messageId);
        entity.put("conversationId", conversation.id);
        entity.put("timestamp", SimulatorJson.iso(at));
        entity.put("direction", "outbound");
        entity.put("messengerType", "webmessaging");
        entity.put("textBody", text);
        entity.put("status", "sent");
        entity.put("selfUri", "/api/v2/conversations/messages/" + conversation.id + "/messages/" + messageId);
        call.json(200, entity);
    }

    /**
     * Genesys' {@code MessageConversation} with {@code MessageMediaParticipant}s. That model has no
     * field for a participant's communication id, so each participant also carries
     * {@code communicationId} (a simulator extension; SDKs ignore unknown fields).
     */
    private static ObjectNode messageConversation(Snapshot conversation) {
        ObjectNode node = SimulatorJson.object();
        node.put("id", conversation.id());
        ArrayNode participants = node.putArray("participants");
        ObjectNode customer = mediaParticipant(participants, conversation.customerParticipantId(), "Guest",
                "customer", conversation);
        customer.put("communicationId", conversation.customerCommunicationId());
        for (AgentParticipant agent : conversation.agents()) {
            ObjectNode participant = mediaParticipant(participants, agent.participantId(), agent.name(), "agent",
                    conversation);
            participant.putObject("user").put("id", agent.userId()).put("selfUri", "/api/v2/users/" + agent.userId());
            participant.put("communicationId", agent.communicationId());
        }
        node.putArray("otherMediaUris");
        node.put("selfUri", "/api/v2/conversations/messages/" + conversation.id());
        return node;
    }

    private static ObjectNode mediaParticipant(ArrayNode participants, String id, String name, String purpose,
            Snapshot conversation) {
        ObjectNode participant = participants.addObject();
        participant.put("id", id);
        participant.put("name", name);
        participant.put("startTime", SimulatorJson.iso(conversation.startMs()));
        participant.put("connectedTime", SimulatorJson.iso(conversation.startMs()));
        participant.put("purpose", purpose);
        participant.put("state", "connected");
        participant.put("direction", "inbound");
        participant.put("held", false);
        participant.put("type", "webmessaging");
        participant.putArray("messages");
        return participant;
    }

    private void analytics(Call call) throws IOException {
        ObjectNode request = SimulatorJson.parseObject(call.body);
        if (request == null) {
            call.error(400, "bad.request", "The request body must be a JSON ConversationQuery");
            return;
        }
        List<Snapshot> snapshots = conversations.all().stream().map(Conversation::snapshot).toList();
        try {
            call.json(200, AnalyticsQuery.run(request, snapshots));
        } catch (IllegalArgumentException e) {
            call.error(400, "bad.request", e.getMessage());
        }
    }

    private void simulator(Call call) throws IOException {
        if (call.path.equals("/sim/info") && call.method.equals("GET")) {
            ObjectNode info = SimulatorJson.object();
            info.put("httpUrl", uri().toString());
            info.put("wsUrl", wsUri.get().toString());
            call.json(200, info);
        } else if (call.path.equals("/sim/report") && call.method.equals("GET")) {
            call.json(200, Json.MAPPER.valueToTree(report.get()));
        } else {
            call.error(404, "not.found", "No resource for " + call.method + " " + call.path);
        }
    }
}
