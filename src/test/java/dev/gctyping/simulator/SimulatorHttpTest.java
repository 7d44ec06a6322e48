package dev.gctyping.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.support.LogCapture;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorHttpTest {
    private static final String ON = "{\"typing\":{\"type\":\"On\",\"duration\":3000}}";

    private Simulator simulator;
    private SimHttp http;

    private void start(SimulatorConfig config) throws Exception {
        simulator = Simulator.start(config);
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
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("HTTP on 127.0.0.1:" + port + ": ");
            assertThatThrownBy(() -> start(SimulatorConfig.defaults().withPorts(0, port)))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("WebSockets on 127.0.0.1:" + port + ": ");
        }
    }

    @Test
    void issuesBearerTokensForBasicAuthClientCredentials() throws Exception {
        start();
        HttpResponse<String> response = http.tokenRequest("gctyping-sim", "gctyping-sim-secret",
                "grant_type=client_credentials");

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
            HttpResponse<String> refused = http.tokenRequest("gctyping-sim", "gctyping-sim-secret",
                    "grant_type=client_credentials");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        }
        assertThat(http.token()).isNotBlank();
        assertThat(simulator.report().faultCounts().token429()).isEqualTo(2);
    }

    @Test
    void typingNeedsABearerToken() throws Exception {
        start();
        HttpResponse<String> response = http.postJson(SimHttp.typingPath("c1", "comm1"), null, ON);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(SimHttp.json(response).get("status").asInt()).isEqualTo(401);
        HttpResponse<String> badToken = http.postJson(SimHttp.typingPath("c1", "comm1"), "not-a-token", ON);
        assertThat(badToken.statusCode()).isEqualTo(401);
    }

    @Test
    void typingOffIsRefusedWithAGenesysErrorBody() throws Exception {
        start();
        HttpResponse<String> response = http.postJson(SimHttp.typingPath("c1", "comm1"), http.token(),
                "{\"typing\":{\"type\":\"Off\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = SimHttp.json(response);
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("code").asText()).isEqualTo("bad.request");
        assertThat(error.get("message").asText()).contains("On");
        assertThat(error.get("contextId").asText()).isEqualTo(
                response.headers().firstValue("ININ-Correlation-Id").orElseThrow());
    }

    @Test
    void typingOnIsAcceptedWithAnEmptyReply() throws Exception {
        start();
        String token = http.token();

        HttpResponse<String> withDuration = http.postJson(SimHttp.typingPath("c1", "comm1"), token, ON);
        HttpResponse<String> asTheSdkSendsIt = http.postJson(SimHttp.typingPath("c1", "comm1"), token,
                "{\"typing\":{\"type\":\"On\"}}");

        assertThat(withDuration.statusCode()).isEqualTo(202);
        assertThat(withDuration.body()).isEmpty();
        assertThat(asTheSdkSendsIt.statusCode()).isEqualTo(202);
        assertThat(simulator.report().conversation("c1").orElseThrow().sender("comm1").orElseThrow()
                .typingPayloads()).isEqualTo(2);
    }

    @Test
    void the301stRequestOfAMinuteGets429WithRetryAfter() throws Exception {
        start();
        String token = http.token();
        for (int i = 0; i < 300; i++) {
            assertThat(http.postJson(SimHttp.typingPath("c1", "comm1"), token, ON).statusCode()).isEqualTo(202);
        }

        HttpResponse<String> limited = http.postJson(SimHttp.typingPath("c1", "comm1"), token, ON);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(SimHttp.json(limited).get("code").asText()).isEqualTo("too.many.requests");
        assertThat(http.postJson(SimHttp.typingPath("c1", "comm1"), http.token(), ON).statusCode())
                .as("the limit is per token").isEqualTo(202);
        assertThat(simulator.report().faultCounts().rateLimited()).isEqualTo(1);
    }

    @Test
    void conversationsExistOnFirstUseWithTheAgentsCommunicationId() throws Exception {
        start();
        HttpResponse<String> response = http.get("/api/v2/conversations/messages/new-conv", http.token());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode conversation = SimHttp.json(response);
        assertThat(conversation.get("id").asText()).isEqualTo("new-conv");
        JsonNode agent = null;
        for (JsonNode participant : conversation.get("participants")) {
            if (participant.get("purpose").asText().equals("agent")) {
                agent = participant;
            }
        }
        assertThat(agent).isNotNull();
        String communicationId = agent.get("communicationId").asText();
        assertThat(communicationId).isNotBlank();
        assertThat(http.postJson(SimHttp.typingPath("new-conv", communicationId), http.token(), ON).statusCode())
                .isEqualTo(202);
        JsonNode again = SimHttp.json(http.get("/api/v2/conversations/messages/new-conv", http.token()));
        assertThat(again.get("participants")).as("the known agent is reused, not added").hasSize(2);
    }

    @Test
    void theAgentsMessageIsAcceptedAndReturnedAsAMessageEntity() throws Exception {
        start();
        HttpResponse<String> response = http.postJson(SimHttp.messagesPath("c1", "comm1"), http.token(),
                "{\"textBody\":\"Hello\"}", "Gctyping-Trace-Time", "2026-01-01T00:00:01.000Z");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode message = SimHttp.json(response);
        assertThat(message.get("textBody").asText()).isEqualTo("Hello");
        assertThat(message.get("timestamp").asText()).isEqualTo("2026-01-01T00:00:01.000Z");
        assertThat(http.postJson(SimHttp.messagesPath("c1", "comm1"), http.token(), "{}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void analyticsQueryFindsTheConversationsTheSimulatorSaw() throws Exception {
        start();
        String token = http.token();
        http.postJson(SimHttp.typingPath("conv-a", "comm1"), token,
                "{\"typing\":{\"type\":\"On\"},\"dateSent\":\"2026-03-01T10:00:00.000Z\"}");
        http.postJson(SimHttp.typingPath("conv-b", "comm1"), token,
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
        assertThat(conversation.get("participants").get(1).get("sessions").get(0).get("mediaType").asText())
                .isEqualTo("message");
    }

    @Test
    void analyticsQueryPagesAndFiltersByInterval() throws Exception {
        start();
        String token = http.token();
        for (String id : List.of("p1", "p2", "p3")) {
            http.postJson(SimHttp.typingPath(id, "comm1"), token,
                    "{\"typing\":{\"type\":\"On\"},\"dateSent\":\"2026-03-01T10:00:00.000Z\"}");
        }
        http.postJson(SimHttp.typingPath("other-day", "comm1"), token,
                "{\"typing\":{\"type\":\"On\"},\"dateSent\":\"2026-04-01T10:00:00.000Z\"}");

        JsonNode page2 = SimHttp.json(http.postJson("/api/v2/analytics/conversations/details/query", token,
                "{\"interval\":\"2026-03-01T00:00:00/2026-03-01T23:00:00\",\"paging\":{\"pageSize\":2,\"pageNumber\":2}}"));

        assertThat(page2.get("totalHits").asInt()).isEqualTo(3);
        assertThat(page2.get("conversations").findValuesAsText("conversationId")).containsExactly("p3");
    }

    @Test
    void analyticsQueryNeedsAnInterval() throws Exception {
        start();
        HttpResponse<String> response = http.postJson("/api/v2/analytics/conversations/details/query", http.token(),
                "{\"paging\":{\"pageSize\":25}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(response).get("message").asText()).contains("interval");
    }

    @Test
    void tokensDieEarlyUnderTheExpiryFault() throws Exception {
        start("token-expire-after=1ms");
        String token = http.token();
        int status = 0;
        for (int attempt = 0; attempt < 1000 && status != 401; attempt++) {
            status = http.postJson(SimHttp.typingPath("c1", "comm1"), token, ON).statusCode();
        }

        assertThat(status).isEqualTo(401);
        assertThat(simulator.report().faultCounts().tokensExpiredEarly()).isEqualTo(1);
    }

    @Test
    void injectedApiFaultsAnswer429And503() throws Exception {
        start("api-429-rate=1");
        HttpResponse<String> limited = http.postJson(SimHttp.typingPath("c1", "comm1"), http.token(), ON);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        simulator.close();

        start("api-5xx-rate=1");
        assertThat(http.postJson(SimHttp.typingPath("c1", "comm1"), http.token(), ON).statusCode()).isEqualTo(503);
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
                    .get("access_token").asText();
            http.postJson(SimHttp.typingPath("c1", "comm1"), token, ON);
            http.postJson(SimHttp.typingPath("c1", "comm1"), token, "{\"typing\":{\"type\":\"Off\"}}");
            http.get("/sim/report", null);
            simulator.close();
            logs = capture.messages();
        }

        assertThat(logs).as("debug lines per request").hasSizeGreaterThan(4);
        assertThat(logs).noneMatch(line -> line.contains(secret) || line.contains(token));
        assertThat(SimulatorConfig.defaults().withCredentials("me", secret).toString()).doesNotContain(secret);
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
        http.postJson(SimHttp.typingPath("c1", "comm1"), http.token(), ON);

        SimulatorReport served = SimHttp.MAPPER.readValue(http.get("/sim/report", null).body(), SimulatorReport.class);

        assertThat(served.conversations()).isEqualTo(simulator.report().conversations());
    }
}
