package dev.gctyping.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.protocol.SimulatorReport;
import dev.gctyping.support.LogCapture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorHttpTest {
    private static final String ON = "{\"typing\":{\"type\":\"On\",\"duration\":3000}}";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Simulator simulator;
    private SimHttp http;

    /** The agent communication every simulated conversation starts with (what the lookup answers). */
    private static String agentOf(String conversationId) {
        return Conversation.stableId("agent-communication", conversationId);
    }

    private void start(SimulatorConfig config) throws Exception {
        simulator = Simulator.start(config, clock);
        http = new SimHttp(simulator.httpUri());
    }

    private void start(String... faults) throws Exception {
        start(SimulatorConfig.defaults().withFaults(FaultPlan.parse(List.of(faults), 7)));
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> start(SimulatorConfig.defaults().withPorts(port, 0)))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("HTTP on 127.0.0.1:" + port + ": ");
            assertThatThrownBy(() -> start(SimulatorConfig.defaults().withPorts(0, port)))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("WebSockets on 127.0.0.1:" + port + ": ");
        }
    }

    @Test
    void issuesBearerTokensForBasicAuthClientCredentials() throws Exception {
        start();
        HttpResponse<String> response =
                http.tokenRequest("gctyping-sim", "gctyping-sim-secret", "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = SimHttp.json(response);
        assertThat(body.get("access_token").asText()).isNotBlank();
        assertThat(body.get("token_type").asText()).isEqualTo("bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(86_400);
    }

    @Test
    void acceptsFormCredentialsAsTheSeedTutorialSendsThem() throws Exception {
        start();
        HttpResponse<String> response = http.send(http.request("/oauth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=gctyping-sim&client_secret=gctyping-sim-secret")));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesWrongCredentialsWithInvalidClient() throws Exception {
        start();
        HttpResponse<String> response = http.tokenRequest("gctyping-sim", "wrong", "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(SimHttp.json(response).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void refusesOtherGrantTypes() throws Exception {
        start();
        HttpResponse<String> response = http.tokenRequest("gctyping-sim", "gctyping-sim-secret", "grant_type=password");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(response).get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void token429FaultRefusesOnlyTheFirstRequests() throws Exception {
        start("token-429=2");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> refused =
                    http.tokenRequest("gctyping-sim", "gctyping-sim-secret", "grant_type=client_credentials");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        }
        assertThat(http.token()).isNotBlank();
        assertThat(simulator.report().faultCounts().token429()).isEqualTo(2);
    }

    @Test
    void typingNeedsABearerToken() throws Exception {
        start();
        HttpResponse<String> response = http.postJson(SimHttp.typingPath("c1", agentOf("c1")), null, ON);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(SimHttp.json(response).get("status").asInt()).isEqualTo(401);
        HttpResponse<String> badToken = http.postJson(SimHttp.typingPath("c1", agentOf("c1")), "not-a-token", ON);
        assertThat(badToken.statusCode()).isEqualTo(401);
    }

    @Test
    void typingOffIsRefusedWithAGenesysErrorBody() throws Exception {
        start();
        HttpResponse<String> response =
                http.postJson(SimHttp.typingPath("c1", agentOf("c1")), http.token(), "{\"typing\":{\"type\":\"Off\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = SimHttp.json(response);
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("code").asText()).isEqualTo("bad.request");
        assertThat(error.get("message").asText()).contains("On");
        assertThat(error.get("contextId").asText())
                .isEqualTo(response.headers().firstValue("ININ-Correlation-Id").orElseThrow());
    }

    @Test
    void typingOnIsAcceptedWithAnEmptyReply() throws Exception {
        start();
        String token = http.token();

        HttpResponse<String> withDuration = http.postJson(SimHttp.typingPath("c1", agentOf("c1")), token, ON);
        HttpResponse<String> asTheSdkSendsIt =
                http.postJson(SimHttp.typingPath("c1", agentOf("c1")), token, "{\"typing\":{\"type\":\"On\"}}");

        assertThat(withDuration.statusCode()).isEqualTo(202);
        assertThat(withDuration.body()).isEmpty();
        assertThat(asTheSdkSendsIt.statusCode()).isEqualTo(202);
        assertThat(simulator
                        .report()
                        .conversation("c1")
                        .orElseThrow()
                        .sender(agentOf("c1"))
                        .orElseThrow()
                        .typingPayloads())
                .isEqualTo(2);
    }

    @Test
    void the301stRequestOfAMinuteGets429WithRetryAfter() throws Exception {
        start();
        String token = http.token();
        for (int i = 0; i < 300; i++) {
            assertThat(http.postJson(SimHttp.typingPath("c1", agentOf("c1")), token, ON)
                            .statusCode())
                    .isEqualTo(202);
        }

        HttpResponse<String> limited = http.postJson(SimHttp.typingPath("c1", agentOf("c1")), token, ON);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 60L);
        assertThat(SimHttp.json(limited).get("code").asText()).isEqualTo("too.many.requests");
        assertThat(http.postJson(SimHttp.typingPath("c1", agentOf("c1")), http.token(), ON)
                        .statusCode())
                .as("the limit is per token")
                .isEqualTo(202);
        assertThat(simulator.report().faultCounts().rateLimited()).isEqualTo(1);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
                .isEqualTo(60);
        clock.advance(Duration.ofSeconds(60));
        assertThat(http.postJson(SimHttp.typingPath("c1", agentOf("c1")), token, ON)
                        .statusCode())
                .as("a minute later the window has room again")
                .isEqualTo(202);
    }

    @Test
    void theGenericConversationGivesTheAgentsCommunicationInItsMessages() throws Exception {
        start();
        HttpResponse<String> response = http.get("/api/v2/conversations/new-conv", http.token());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode conversation = SimHttp.json(response);
        assertThat(conversation.get("id").asText()).isEqualTo("new-conv");
        assertThat(conversation.get("participants").findValuesAsText("purpose")).containsExactly("customer", "agent");
        JsonNode agent = conversation.get("participants").get(1);
        assertThat(agent.has("communicationId")).as("no invented field").isFalse();
        JsonNode communication = agent.get("messages").get(0);
        assertThat(communication.get("state").asText()).isEqualTo("connected");
        assertThat(communication.get("type").asText()).isEqualTo("webmessaging");
        String communicationId = communication.get("id").asText();
        assertThat(communicationId).isEqualTo(agentOf("new-conv"));
        assertThat(http.postJson(SimHttp.typingPath("new-conv", communicationId), http.token(), ON)
                        .statusCode())
                .isEqualTo(202);
        JsonNode again = SimHttp.json(http.get("/api/v2/conversations/new-conv", http.token()));
        assertThat(again.get("participants"))
                .as("the known agent is reused, not added")
                .hasSize(2);
    }

    @Test
    void theMessagingConversationHasMediaParticipantsWithoutACommunicationId() throws Exception {
        start();
        JsonNode conversation = SimHttp.json(http.get("/api/v2/conversations/messages/new-conv", http.token()));

        assertThat(conversation.get("id").asText()).isEqualTo("new-conv");
        assertThat(conversation.get("participants").findValuesAsText("purpose")).containsExactly("customer", "agent");
        for (JsonNode participant : conversation.get("participants")) {
            assertThat(participant.has("communicationId")).isFalse();
            assertThat(participant.get("type").asText()).isEqualTo("webmessaging");
            assertThat(participant.get("messages").findValues("id"))
                    .as("MessageDetails have no id")
                    .isEmpty();
        }
    }

    @Test
    void typingOrAMessageOnACommunicationThatIsNoAgentsIsRefusedWithoutAPhantomParticipant() throws Exception {
        start();
        String token = http.token();
        String customer = SimHttp.json(http.get("/api/v2/conversations/c1", token))
                .get("participants")
                .get(0)
                .get("messages")
                .get(0)
                .get("id")
                .asText();

        HttpResponse<String> unknown = http.postJson(SimHttp.typingPath("c1", "no-such-comm"), token, ON);
        HttpResponse<String> unknownMessage =
                http.postJson(SimHttp.messagesPath("c1", "no-such-comm"), token, "{\"textBody\":\"Hello\"}");
        HttpResponse<String> customers = http.postJson(SimHttp.typingPath("c1", customer), token, ON);

        for (HttpResponse<String> refused : List.of(unknown, unknownMessage)) {
            assertThat(refused.statusCode()).isEqualTo(404);
            JsonNode error = SimHttp.json(refused);
            assertThat(error.get("status").asInt()).isEqualTo(404);
            assertThat(error.get("code").asText()).isEqualTo("not.found");
            assertThat(error.get("message").asText()).contains("no-such-comm");
            assertThat(error.get("contextId").asText())
                    .isEqualTo(
                            refused.headers().firstValue("ININ-Correlation-Id").orElseThrow());
        }
        assertThat(customers.statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(customers).get("code").asText()).isEqualTo("bad.request");
        assertThat(simulator.report().conversation("c1").orElseThrow().senders())
                .isEmpty();
        assertThat(SimHttp.json(http.get("/api/v2/conversations/c1", token)).get("participants"))
                .hasSize(2);
    }

    @Test
    void anAgentJoinsWithItsOwnCommunicationAndMayThenTypeOnIt() throws Exception {
        start();
        String token = http.token();

        HttpResponse<String> joined = http.postJson(
                "/sim/conversations/c1/agents",
                null,
                "{\"communicationId\":\"comm-from-trace\",\"userId\":\"agent-7\"}");
        HttpResponse<String> again = http.postJson(
                "/sim/conversations/c1/agents",
                null,
                "{\"communicationId\":\"comm-from-trace\",\"userId\":\"agent-7\"}");

        assertThat(joined.statusCode()).isEqualTo(201);
        assertThat(SimHttp.json(joined).get("userId").asText()).isEqualTo("agent-7");
        assertThat(SimHttp.json(joined).get("messages").get(0).get("id").asText())
                .isEqualTo("comm-from-trace");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(http.postJson(SimHttp.typingPath("c1", "comm-from-trace"), token, ON)
                        .statusCode())
                .isEqualTo(202);
        JsonNode participants =
                SimHttp.json(http.get("/api/v2/conversations/c1", token)).get("participants");
        assertThat(participants.findValuesAsText("userId")).contains("agent-7");
        assertThat(http.postJson("/sim/conversations/c1/agents", null, "{\"userId\":\"x\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void theAgentsMessageIsAnsweredWithMessageDataIncludingTheNormalizedMessage() throws Exception {
        start();
        HttpResponse<String> response = http.postJson(
                SimHttp.messagesPath("c1", agentOf("c1")),
                http.token(),
                "{\"textBody\":\"Hello\"}",
                "Gctyping-Trace-Time",
                "2026-01-01T00:00:01.000Z");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode message = SimHttp.json(response);
        assertThat(message.get("textBody").asText()).isEqualTo("Hello");
        assertThat(message.get("timestamp").asText()).isEqualTo("2026-01-01T00:00:01.000Z");
        assertThat(message.get("conversationId").asText()).isEqualTo("c1");
        assertThat(message.get("direction").asText()).isEqualTo("outbound");
        assertThat(message.get("messengerType").asText()).isEqualTo("webmessaging");
        assertThat(message.get("status").asText()).isEqualTo("sent");
        JsonNode normalized = message.get("normalizedMessage");
        assertThat(normalized.get("id").asText()).isEqualTo(message.get("id").asText());
        assertThat(normalized.get("type").asText()).isEqualTo("Text");
        assertThat(normalized.get("text").asText()).isEqualTo("Hello");
        assertThat(normalized.get("direction").asText()).isEqualTo("Outbound");
        assertThat(normalized.get("channel").get("time").asText()).isEqualTo("2026-01-01T00:00:01.000Z");
        assertThat(http.postJson(SimHttp.messagesPath("c1", agentOf("c1")), http.token(), "{}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void analyticsQueryFindsTheConversationsTheSimulatorSaw() throws Exception {
        start();
        String token = http.token();
        http.postJson(
                SimHttp.typingPath("conv-a", agentOf("conv-a")),
                token,
                "{\"typing\":{\"type\":\"On\"},\"dateSent\":\"2026-03-01T10:00:00.000Z\"}");
        http.postJson(
                SimHttp.typingPath("conv-b", agentOf("conv-b")),
                token,
                "{\"typing\":{\"type\":\"On\"},\"dateSent\":\"2026-03-01T11:00:00.000Z\"}");
        // the official SDK's shape: empty arrays it never set, lowercase enums
        String query = "{\"interval\":\"2026-03-01T00:00:00.000Z/2026-03-02T00:00:00.000Z\","
                + "\"order\":\"asc\",\"paging\":{\"pageSize\":25,\"pageNumber\":1},"
                + "\"conversationFilters\":[{\"type\":\"or\",\"clauses\":[],\"predicates\":[{\"type\":\"dimension\","
                + "\"dimension\":\"conversationId\",\"operator\":\"matches\",\"value\":\"conv-b\"}]}],"
                + "\"segmentFilters\":[],\"evaluationFilters\":[],\"surveyFilters\":[],\"resolutionFilters\":[],"
                + "\"aggregations\":[]}";

        HttpResponse<String> response = http.postJson("/api/v2/analytics/conversations/details/query", token, query);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = SimHttp.json(response);
        assertThat(result.get("totalHits").asInt()).isEqualTo(1);
        JsonNode conversation = result.get("conversations").get(0);
        assertThat(conversation.get("conversationId").asText()).isEqualTo("conv-b");
        assertThat(conversation.get("conversationStart").asText()).isEqualTo("2026-03-01T11:00:00.000Z");
        assertThat(conversation.get("participants").findValuesAsText("purpose")).containsExactly("customer", "agent");
        assertThat(conversation
                        .get("participants")
                        .get(1)
                        .get("sessions")
                        .get(0)
                        .get("mediaType")
                        .asText())
                .isEqualTo("message");
    }

    @Test
    void analyticsQueryPagesAndFiltersByInterval() throws Exception {
        start();
        String token = http.token();
        for (String id : List.of("p1", "p2", "p3")) {
            http.postJson(
                    SimHttp.typingPath(id, agentOf(id)),
                    token,
                    "{\"typing\":{\"type\":\"On\"},\"dateSent\":\"2026-03-01T10:00:00.000Z\"}");
        }
        http.postJson(
                SimHttp.typingPath("other-day", agentOf("other-day")),
                token,
                "{\"typing\":{\"type\":\"On\"},\"dateSent\":\"2026-04-01T10:00:00.000Z\"}");

        JsonNode page2 = SimHttp.json(
                http.postJson(
                        "/api/v2/analytics/conversations/details/query",
                        token,
                        "{\"interval\":\"2026-03-01T00:00:00/2026-03-01T23:00:00\",\"paging\":{\"pageSize\":2,\"pageNumber\":2}}"));

        assertThat(page2.get("totalHits").asInt()).isEqualTo(3);
        assertThat(page2.get("conversations").findValuesAsText("conversationId"))
                .containsExactly("p3");
    }

    @Test
    void analyticsQueryNeedsAnInterval() throws Exception {
        start();
        HttpResponse<String> response = http.postJson(
                "/api/v2/analytics/conversations/details/query", http.token(), "{\"paging\":{\"pageSize\":25}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(response).get("message").asText()).contains("interval");
    }

    @Test
    void tokensDieEarlyUnderTheExpiryFault() throws Exception {
        start("token-expire-after=1s");
        String token = http.token();
        assertThat(http.postJson(SimHttp.typingPath("c1", agentOf("c1")), token, ON)
                        .statusCode())
                .isEqualTo(202);

        clock.advance(Duration.ofSeconds(1));

        assertThat(http.postJson(SimHttp.typingPath("c1", agentOf("c1")), token, ON)
                        .statusCode())
                .isEqualTo(401);
        assertThat(simulator.report().faultCounts().tokensExpiredEarly()).isEqualTo(1);
    }

    @Test
    void injectedApiFaultsAnswer429And503() throws Exception {
        start("api-429-rate=1");
        HttpResponse<String> limited = http.postJson(SimHttp.typingPath("c1", agentOf("c1")), http.token(), ON);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        simulator.close();

        start("api-5xx-rate=1");
        assertThat(http.postJson(SimHttp.typingPath("c1", agentOf("c1")), http.token(), ON)
                        .statusCode())
                .isEqualTo(503);
        assertThat(simulator.report().faultCounts().api5xx()).isEqualTo(1);
    }

    @Test
    void neitherTheSecretNorATokenIsEverLogged() throws Exception {
        String secret = "a-secret-nobody-may-see";
        List<String> logs;
        String token;
        try (LogCapture capture = new LogCapture()) {
            start(SimulatorConfig.defaults().withCredentials("me", secret));
            SimHttp.json(http.tokenRequest("me", "wrong", "grant_type=client_credentials"));
            token = SimHttp.json(http.tokenRequest("me", secret, "grant_type=client_credentials"))
                    .get("access_token")
                    .asText();
            http.postJson(SimHttp.typingPath("c1", agentOf("c1")), token, ON);
            http.postJson(SimHttp.typingPath("c1", agentOf("c1")), token, "{\"typing\":{\"type\":\"Off\"}}");
            http.get("/sim/report", null);
            simulator.close();
            logs = capture.messages();
        }

        assertThat(logs).as("debug lines per request").hasSizeGreaterThan(4);
        assertThat(logs).noneMatch(line -> line.contains(secret) || line.contains(token));
        assertThat(SimulatorConfig.defaults().withCredentials("me", secret).toString())
                .doesNotContain(secret);
    }

    @Test
    void simInfoNamesBothListeners() throws Exception {
        start();
        JsonNode info = SimHttp.json(http.get("/sim/info", null));

        assertThat(info.get("httpUrl").asText()).isEqualTo(simulator.httpUri().toString());
        assertThat(info.get("wsUrl").asText()).isEqualTo(simulator.wsUri().toString());
    }

    @Test
    void simReportIsTheReportAsJson() throws Exception {
        start();
        http.postJson(SimHttp.typingPath("c1", agentOf("c1")), http.token(), ON);

        SimulatorReport served =
                SimHttp.MAPPER.readValue(http.get("/sim/report", null).body(), SimulatorReport.class);

        assertThat(served.conversations()).isEqualTo(simulator.report().conversations());
    }
}
