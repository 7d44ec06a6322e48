package dev.gctyping.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.protocol.SimulatorApi;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client's mistake is a 4xx with Genesys' ErrorBody (or an error frame), never a 500 and never silence. */
class MalformedRequestsTest {
    private static final String OVERFLOW = "+999999999-12-31T23:59:59Z";
    private static final String ARABIC_INDIC_DIGITS = "\u0661\u0662\u0663";

    private Simulator simulator;
    private SimHttp http;
    private String token;
    private String agent;

    @BeforeEach
    void start() throws Exception {
        simulator = Simulator.start(SimulatorConfig.defaults());
        http = new SimHttp(simulator.httpUri());
        token = http.token();
        agent = Conversation.stableId("agent-communication", "c1");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** 400 with every ErrorBody field a client reads; the correlation id ties it to the request. */
    private static JsonNode assertBadRequest(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("The simulator failed");
        JsonNode error = SimHttp.json(response);
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("code").asText()).isNotBlank();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("contextId").asText()).isNotBlank();
        return error;
    }

    private HttpResponse<String> typing(String body) {
        return http.postJson(SimHttp.typingPath("c1", agent), token, body);
    }

    @Test
    void typingValuesOutOfRangeOrFormatAreRefusedAndRecordNothing() {
        for (String body : List.of(
                "{\"typing\":{\"type\":\"On\",\"duration\":9223372036854775807}}",
                "{\"typing\":{\"type\":\"On\",\"duration\":1.9}}",
                "{\"typing\":{\"type\":\"On\",\"duration\":\"3000\"}}",
                "{\"typing\":{\"type\":\"On\",\"duration\":-1}}",
                "{\"typing\":{\"type\":\"On\",\"duration\":86400001}}",
                "{\"typing\":{\"type\":\"On\"},\"dateSent\":\"" + OVERFLOW + "\"}",
                "{\"typing\":{\"type\":\"On\"},\"dateSent\":\"" + ARABIC_INDIC_DIGITS + "\"}",
                "{\"typing\":{\"type\":\"On\"},\"dateSent\":99999999999999999999}",
                "{\"typing\":{\"type\":\"On\"},\"dateSent\":\"99999999999999999999\"}",
                "{\"typing\":{\"type\":\"On\"},\"dateSent\":1.5}",
                "{\"typing\":{\"type\":\"On\"}} trailing",
                "{\"typing\":{\"type\":\"On\"}}{}")) {
            assertThat(assertBadRequest(typing(body)).get("code").asText())
                    .as(body)
                    .isEqualTo("bad.request");
        }
        assertThat(simulator.report().conversation("c1").orElseThrow().senders())
                .isEmpty();
        assertThat(typing("{\"typing\":{\"type\":\"On\",\"duration\":86400000},\"dateSent\":\"9999-12-31T00:00:00Z\"}")
                        .statusCode())
                .as("the edges of the ranges are fine")
                .isEqualTo(202);
    }

    @Test
    void anOverflowingTraceTimeHeaderIsRefused() {
        for (String time : List.of(OVERFLOW, "99999999999999999999", "2026-13-45T00:00:00Z")) {
            assertBadRequest(http.postJson(
                    SimHttp.messagesPath("c1", agent), token, "{\"textBody\":\"hi\"}", "Gctyping-Trace-Time", time));
        }
    }

    @Test
    void analyticsQueriesWithOverflowingIntervalsOrBadPagingAreRefused() {
        for (String query : List.of(
                "{\"interval\":\"" + OVERFLOW + "/" + OVERFLOW + "\"}",
                "{\"interval\":\"2026-01-01T00:00:00Z/" + OVERFLOW + "\"}",
                "{\"interval\":\"2026-01-01T00:00:00Z/2026-01-02T00:00:00Z\",\"paging\":{\"pageSize\":1.5}}",
                "{\"interval\":\"2026-01-01T00:00:00Z/2026-01-02T00:00:00Z\",\"paging\":{\"pageNumber\":99999999999}}",
                "{\"interval\":\"2026-01-01T00:00:00Z/2026-01-02T00:00:00Z\",\"order\":\"sideways\"}")) {
            assertBadRequest(http.postJson("/api/v2/analytics/conversations/details/query", token, query));
        }
    }

    @Test
    void aBodyThatIsNotUtf8IsRefused() {
        byte[] latin1 = {'{', '"', 't', 'e', 'x', 't', 'B', 'o', 'd', 'y', '"', ':', '"', (byte) 0xff, '"', '}'};
        assertBadRequest(http.send(http.request(SimHttp.messagesPath("c1", agent))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1))));
    }

    @Test
    void aTokenRequestThatIsNotFormEncodedIsAnOAuthErrorWithTheErrorBodyFields() {
        HttpResponse<String> response = http.tokenRequest(
                SimulatorApi.DEFAULT_CLIENT_ID,
                SimulatorApi.DEFAULT_CLIENT_SECRET,
                "grant_type=client_credentials&scope=%zz");

        JsonNode error = assertBadRequest(response);
        assertThat(error.get("error").asText()).isEqualTo("invalid_request");
        assertThat(error.get("error_description").asText()).isNotBlank();
    }

    @Test
    void aSeedFrameWithAnOverflowingTimestampGetsAnErrorReply() throws Exception {
        TestSocket seed = TestSocket.open(
                simulator.wsUri().resolve("/v1/conversations/c1/websocket"),
                Map.of("Authorization", "Bearer " + token));
        try {
            for (String timestamp :
                    List.of("\"" + OVERFLOW + "\"", "99999999999999999999", "\"" + ARABIC_INDIC_DIGITS + "\"")) {
                seed.send("{\"type\":\"typing\",\"conversationId\":\"c1\",\"senderId\":\"a1\",\"timestamp\":"
                        + timestamp + ",\"state\":\"active\"}");
                JsonNode reply = seed.next();
                assertThat(reply.get("type").asText()).isEqualTo("error");
                assertThat(reply.get("code").asInt()).isEqualTo(400);
                assertThat(reply.get("message").asText()).startsWith("timestamp");
            }
        } finally {
            seed.closeBlocking();
        }
        assertThat(simulator.report().conversation("c1").orElseThrow().senders())
                .isEmpty();
    }
}
