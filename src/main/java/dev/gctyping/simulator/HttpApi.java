package dev.gctyping.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.gctyping.protocol.SimulatorApi;
import dev.gctyping.protocol.SimulatorReport;
import dev.gctyping.simulator.Conversation.AgentParticipant;
import dev.gctyping.simulator.Conversation.Snapshot;
import dev.gctyping.support.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's HTTP side on a {@link BoundedHttpServer}: OAuth, the Platform API endpoints gctyping uses,
 * and {@code /sim/info}, {@code /sim/report}. Requests reach the handlers complete and within the size limits.
 */
final class HttpApi implements AutoCloseable {
    /** Trace time of the agent's message (ISO-8601 or epoch ms): the message POST has no time field of its own. */
    static final String TRACE_TIME_HEADER = "Gctyping-Trace-Time";

    static final String CORRELATION_HEADER = "ININ-Correlation-Id";
    /** The platform's {@code request.bytes.max}. */
    private static final int MAX_BODY_BYTES = 512_000;
    /**
     * The longest typing {@code duration} accepted: the platform documents none; a day keeps every
     * interval inside the years a request's time may take.
     */
    static final long MAX_TYPING_DURATION_MS = 86_400_000L;

    private static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Connections served at once, a thread each: plenty for a test tool, and a bound on what slow clients can hold. */
    private static final int MAX_CONNECTIONS = 256;
    /** As the JDK's HttpServer ({@code sun.net.httpserver.idleInterval}): a kept-alive connection with no request closes. */
    private static final long IDLE_CONNECTION_MS = 30_000;
    /** What agents may send on web messaging (help.mypurecloud.com: "Web messaging: 4000"). */
    static final int MAX_TEXT_LENGTH = 4000;

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final Pattern MESSAGE_CONVERSATION = Pattern.compile("/api/v2/conversations/messages/([^/]+)");
    /** The generic conversation; {@code messages} alone is the list of the user's messaging conversations. */
    private static final Pattern CONVERSATION = Pattern.compile("/api/v2/conversations/(?!messages$)([^/]+)");

    private static final Pattern SIM_AGENTS = Pattern.compile("/sim/conversations/([^/]+)/agents");
    private static final Pattern COMMUNICATION =
            Pattern.compile("/api/v2/conversations/messages/([^/]+)/communications/([^/]+)/(typing|messages)");
    private static final String ANALYTICS = "/api/v2/analytics/conversations/details/query";

    private final SimulatorConfig config;
    private final TokenStore tokens;
    private final Faults faults;
    private final Runs runs;
    private final Function<String, SimulatorReport> report;
    private final Function<String, Simulator.Reset> reset;
    private final Supplier<URI> wsUri;
    private final LongSupplier clock;
    private final BoundedHttpServer server;

    HttpApi(
            SimulatorConfig config,
            TokenStore tokens,
            Faults faults,
            Runs runs,
            Function<String, SimulatorReport> report,
            Function<String, Simulator.Reset> reset,
            Supplier<URI> wsUri,
            LongSupplier clock)
            throws IOException {
        this.config = config;
        this.tokens = tokens;
        this.faults = faults;
        this.runs = runs;
        this.report = report;
        this.reset = reset;
        this.wsUri = wsUri;
        this.clock = clock;
        this.server = new BoundedHttpServer(
                config.host(),
                config.httpPort(),
                new BoundedHttpServer.Limits(
                        MAX_CONNECTIONS,
                        config.requestTimeoutMs(),
                        IDLE_CONNECTION_MS,
                        MAX_HEADER_BYTES,
                        MAX_BODY_BYTES),
                this::handle);
    }

    URI uri() {
        return URI.create("http://" + config.host() + ":" + server.port());
    }

    @Override
    public void close() {
        server.close();
    }

    /** One exchange: its parsed parts and the reply helpers. */
    private static final class Call {
        final HttpExchange exchange;
        final String method;
        final String path;
        final String correlationId = Ids.uuid();
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
        if (exchange.getRequestURI().getPath().equals(GuestPage.PATH)) {
            try {
                guestPage.handle(exchange);
            } catch (IOException clientGone) {
                // nothing more to say
            }
            return;
        }
        long started = System.nanoTime();
        Call call = new Call(exchange);
        try {
            // the server has refused bodies over the limit already (413)
            call.body = utf8(exchange.getRequestBody().readAllBytes());
            route(call);
        } catch (BadRequest e) {
            try {
                if (call.path.equals("/oauth/token")) {
                    oauthError(call, 400, "invalid_request", e.getMessage());
                } else {
                    call.error(400, "bad.request", e.getMessage());
                }
            } catch (IOException replyFailed) {
                // the client is gone: nothing more to say
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
            LOG.debug(
                    "{} {} -> {} in {} ms",
                    call.method,
                    call.path,
                    call.status,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** A client's malformed request: answered 400 (never "the simulator failed"). */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /** Request bodies are UTF-8; bytes that are not are refused, not replaced. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest("The request body is not valid UTF-8");
        }
    }

    private final GuestPage guestPage = new GuestPage();

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
        String run = call.header(Simulator.RUN_HEADER);
        if (!Runs.valid(run)) {
            call.error(400, "bad.request", Simulator.RUN_HEADER + " must be " + Runs.RULE);
            return;
        }
        if (!admitted(call)) {
            return;
        }
        Conversations conversations = runs.of(run);
        Matcher communication = COMMUNICATION.matcher(call.path);
        Matcher messageConversation = MESSAGE_CONVERSATION.matcher(call.path);
        Matcher conversation = CONVERSATION.matcher(call.path);
        if (communication.matches() && call.method.equals("POST")) {
            Conversation target = conversations.get(communication.group(1));
            if (communication.group(3).equals("typing")) {
                typing(call, target, communication.group(2));
            } else {
                message(call, target, communication.group(2));
            }
        } else if (messageConversation.matches() && call.method.equals("GET")) {
            call.json(
                    200,
                    ConversationModels.messageConversation(
                            conversations.get(messageConversation.group(1)).snapshot()));
        } else if (conversation.matches() && call.method.equals("GET")) {
            call.json(
                    200,
                    ConversationModels.conversation(
                            conversations.get(conversation.group(1)).snapshot()));
        } else if (call.path.equals(ANALYTICS) && call.method.equals("POST")) {
            analytics(call, conversations);
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
                call.error(
                        401,
                        "authentication.required",
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

    /**
     * The login server's error: OAuth's {@code error}/{@code error_description} (what OAuth clients
     * read), with Genesys' {@code ErrorBody} fields beside them.
     */
    private static void oauthError(Call call, int status, String error, String description) throws IOException {
        ObjectNode body = PlatformErrors.body(status, error, description, call.correlationId);
        body.put("error", error);
        body.put("description", description);
        body.put("error_description", description);
        call.json(status, body);
    }

    private boolean validClient(String clientId, String clientSecret) {
        return clientId != null
                && clientSecret != null
                && clientId.equals(config.clientId())
                && MessageDigest.isEqual(
                        clientSecret.getBytes(StandardCharsets.UTF_8),
                        config.clientSecret().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code Basic base64(urlencode(id):urlencode(secret))} (RFC 6749 §2.3.1); null when absent or malformed. */
    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
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
                try {
                    fields.put(urlDecode(pair.substring(0, eq)), urlDecode(pair.substring(eq + 1)));
                } catch (IllegalArgumentException e) {
                    throw new BadRequest("The form body is not application/x-www-form-urlencoded: " + e.getMessage());
                }
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
            call.error(
                    400,
                    "bad.request",
                    "typing.type must be \"On\": the agent typing API has no other value (there is no \"Off\")");
            return;
        }
        JsonNode duration = typing.path("duration");
        boolean durationGiven = !duration.isMissingNode() && !duration.isNull();
        if (durationGiven
                && (!duration.isIntegralNumber()
                        || !duration.canConvertToLong()
                        || duration.asLong() < 0
                        || duration.asLong() > MAX_TYPING_DURATION_MS)) {
            call.error(
                    400,
                    "bad.request",
                    "typing.duration must be a whole number of milliseconds from 0 to " + MAX_TYPING_DURATION_MS);
            return;
        }
        long at;
        try {
            at = body.hasNonNull("dateSent") ? SimulatorJson.traceTime(body.get("dateSent")) : clock.getAsLong();
        } catch (IllegalArgumentException e) {
            call.error(400, "bad.request", "dateSent: " + e.getMessage());
            return;
        }
        Long durationMs = durationGiven ? duration.asLong() : null;
        if (conversation.agentTyping(communicationId, at, durationMs)) {
            call.empty(202);
        } else {
            notAnAgentCommunication(call, conversation, communicationId);
        }
    }

    /** {@code {"textBody":…}} → pushed to the guests; replies with the message entity. */
    private void message(Call call, Conversation conversation, String communicationId) throws IOException {
        ObjectNode body = SimulatorJson.parseObject(call.body);
        if (body == null
                || !body.path("textBody").isTextual()
                || body.get("textBody").asText().isEmpty()) {
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
        String messageId = Ids.uuid();
        if (conversation.agentMessage(communicationId, at, messageId, text)) {
            call.json(200, ConversationModels.messageData(conversation.id, messageId, text, at));
        } else {
            notAnAgentCommunication(call, conversation, communicationId);
        }
    }

    /**
     * A communication that is not an agent participant's is refused, as a real org refuses it (its exact
     * status is undocumented): the customer's is not the agent's to type on (400); any other is not in
     * the conversation (404). No participant is made up.
     */
    private static void notAnAgentCommunication(Call call, Conversation conversation, String communicationId)
            throws IOException {
        if (conversation.communication(communicationId) == Conversation.Communication.CUSTOMER) {
            call.error(
                    400,
                    "bad.request",
                    "Communication " + communicationId + " is the customer's in conversation " + conversation.id
                            + "; post as the agent participant's messages communication");
        } else {
            call.error(
                    404,
                    "not.found",
                    "Communication " + communicationId + " is not an agent participant's in conversation "
                            + conversation.id);
        }
    }

    private void analytics(Call call, Conversations conversations) throws IOException {
        ObjectNode request = SimulatorJson.parseObject(call.body);
        if (request == null) {
            call.error(400, "bad.request", "The request body must be a JSON ConversationQuery");
            return;
        }
        List<Snapshot> snapshots =
                conversations.all().stream().map(Conversation::snapshot).toList();
        try {
            call.json(200, AnalyticsQuery.run(request, snapshots));
        } catch (IllegalArgumentException e) {
            call.error(400, "bad.request", e.getMessage());
        }
    }

    /**
     * {@code POST /sim/conversations/{id}/agents} {@code {"communicationId":…,"userId"?:…}}: sets the
     * scene as an org would when an agent accepts the conversation, so a trace that names its own
     * communication ids can type on them. 201 with the new participant, 200 when it was already there.
     */
    private static void joinAgent(Call call, Conversation conversation) throws IOException {
        ObjectNode body = SimulatorJson.parseObject(call.body);
        if (body == null
                || !body.path("communicationId").isTextual()
                || body.get("communicationId").asText().isBlank()
                || !(body.path("userId").isMissingNode() || body.path("userId").isTextual())) {
            call.error(400, "bad.request", "The request body must be {\"communicationId\":\"…\",\"userId\"?:\"…\"}");
            return;
        }
        String communicationId = body.get("communicationId").asText();
        if (conversation.communication(communicationId) == Conversation.Communication.CUSTOMER) {
            call.error(400, "bad.request", "Communication " + communicationId + " is the customer's");
            return;
        }
        boolean existed = conversation.communication(communicationId) == Conversation.Communication.AGENT;
        AgentParticipant agent = conversation.join(
                communicationId, body.hasNonNull("userId") ? body.get("userId").asText() : null);
        call.json(existed ? 200 : 201, ConversationModels.participant(agent, conversation.snapshot()));
    }

    private void simulator(Call call) throws IOException {
        if (call.path.equals(SimulatorApi.INFO_PATH) && call.method.equals("GET")) {
            ObjectNode info = SimulatorJson.object();
            info.put("httpUrl", uri().toString());
            info.put("wsUrl", wsUri.get().toString());
            call.json(200, info);
        } else if (call.path.equals(SimulatorApi.REPORT_PATH) && call.method.equals("GET")) {
            withRun(call, run -> call.json(200, Json.MAPPER.valueToTree(report.apply(run))));
        } else if (call.path.equals("/sim/reset") && call.method.equals("POST")) {
            withRun(call, run -> {
                Simulator.Reset done = reset.apply(run);
                ObjectNode body = SimulatorJson.object();
                body.put("run", run);
                body.put("conversationsForgotten", done.conversations());
                body.put("socketsClosed", done.sockets());
                call.json(200, body);
            });
        } else if (SIM_AGENTS.matcher(call.path).matches() && call.method.equals("POST")) {
            Matcher agents = SIM_AGENTS.matcher(call.path);
            agents.matches();
            String run = call.header(Simulator.RUN_HEADER);
            if (!Runs.valid(run)) {
                call.error(400, "bad.request", Simulator.RUN_HEADER + " must be " + Runs.RULE);
                return;
            }
            joinAgent(call, runs.of(run).get(agents.group(1)));
        } else {
            call.error(404, "not.found", "No resource for " + call.method + " " + call.path);
        }
    }

    private interface RunAction {
        void accept(String run) throws IOException;
    }

    /** Runs {@code action} with the {@code ?run=ID} parameter (null when absent); a malformed one is a 400. */
    private static void withRun(Call call, RunAction action) throws IOException {
        String run;
        try {
            run = Runs.queryParameter(call.exchange.getRequestURI().getRawQuery(), Simulator.RUN_PARAMETER);
        } catch (IllegalArgumentException malformedEscape) {
            call.error(400, "bad.request", "malformed query: " + malformedEscape.getMessage());
            return;
        }
        if (!Runs.valid(run)) {
            call.error(400, "bad.request", Simulator.RUN_PARAMETER + " must be " + Runs.RULE);
            return;
        }
        action.accept(run);
    }
}
