package dev.gctyping.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.client.StubHttpServer.Answer;
import dev.gctyping.simulator.Simulator;
import dev.gctyping.support.Json;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlatformApiTest {
    final StubHttpServer server = OAuthClientTest.newServer();
    final RecordingSleeper sleeper = new RecordingSleeper();
    final RetryingHttp http = RetryingHttp.withSleeper(sleeper);
    final PlatformApi api = new PlatformApi(
            new OAuthClient(
                    Target.simulator(
                            server.uri(), java.net.URI.create("ws://127.0.0.1:1"), "my-client", OAuthClientTest.SECRET),
                    http,
                    new MutableClock(Instant.parse("2026-01-01T00:00:00Z")),
                    null),
            http);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsTypingWithBearerDurationAndDateSent() throws Exception {
        server.then(Answer.json(200, OAuthClientTest.TOKEN_JSON)).then(new Answer(202, Map.of(), ""));

        api.sendTyping(
                "conv 1",
                "comm-1",
                3000,
                Instant.parse("2026-01-01T10:00:00.5Z").toEpochMilli());

        StubHttpServer.Received typing = server.received.get(1);
        assertThat(typing.path()).isEqualTo("/api/v2/conversations/messages/conv 1/communications/comm-1/typing");
        assertThat(typing.header("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(typing.header("Content-Type")).isEqualTo("application/json");
        assertThat(Json.MAPPER.readTree(typing.body()))
                .isEqualTo(Json.MAPPER.readTree(
                        "{\"typing\":{\"type\":\"On\",\"duration\":3000},\"dateSent\":\"2026-01-01T10:00:00.500Z\"}"));
    }

    @Test
    void aRunScopedClientNamesItsRunOnEveryRequest() {
        server.then(Answer.json(200, OAuthClientTest.TOKEN_JSON))
                .then(new Answer(202, Map.of(), ""))
                .then(new Answer(202, Map.of(), ""));

        api.forRun("run-1").sendTyping("c", "m", 3000, 0);
        api.sendTyping("c", "m", 3000, 0);

        assertThat(server.received.get(1).header(Simulator.RUN_HEADER)).isEqualTo("run-1");
        assertThat(server.received.get(2).header(Simulator.RUN_HEADER))
                .as("the original is unchanged")
                .isNull();
    }

    @Test
    void aMidRun401FetchesAFreshTokenAndRepeatsTheCall() {
        server.then(Answer.json(200, OAuthClientTest.TOKEN_JSON))
                .then(Answer.json(401, "{\"message\":\"expired\"}"))
                .then(Answer.json(200, OAuthClientTest.TOKEN_JSON.replace("tok-1", "tok-2")))
                .then(Answer.json(200, "{}"));

        api.sendMessage("c", "m", "hello", Instant.parse("2026-01-01T10:00:00Z").toEpochMilli());

        assertThat(server.received)
                .extracting(StubHttpServer.Received::path)
                .containsExactly(
                        "/oauth/token",
                        "/api/v2/conversations/messages/c/communications/m/messages",
                        "/oauth/token",
                        "/api/v2/conversations/messages/c/communications/m/messages");
        StubHttpServer.Received retried = server.received.get(3);
        assertThat(retried.header("Authorization")).isEqualTo("Bearer tok-2");
        assertThat(retried.header(PlatformApi.TRACE_TIME_HEADER)).isEqualTo("2026-01-01T10:00:00.000Z");
        assertThat(retried.body()).isEqualTo("{\"textBody\":\"hello\"}");
        assertThat(api.stats().reauthentications()).isEqualTo(1);
    }

    @Test
    void aTokenThatExpiresAgainBeforeASlowCallUsesItIsFetchedAfreshAgain() {
        server.then(Answer.json(200, OAuthClientTest.TOKEN_JSON));
        for (int i = 0; i < PlatformApi.MAX_REAUTHENTICATIONS; i++) {
            server.then(Answer.json(401, "{}")).then(Answer.json(200, OAuthClientTest.TOKEN_JSON));
        }
        server.then(new Answer(204, Map.of(), ""));

        api.sendTyping("c", "m", 1000, 0);

        assertThat(api.stats().reauthentications()).isEqualTo(PlatformApi.MAX_REAUTHENTICATIONS);
    }

    @Test
    void a401AfterEveryFreshTokenIsAnAuthFailure() {
        server.then(Answer.json(200, OAuthClientTest.TOKEN_JSON));
        for (int i = 0; i <= PlatformApi.MAX_REAUTHENTICATIONS; i++) {
            server.then(Answer.json(401, "{}")).then(Answer.json(200, OAuthClientTest.TOKEN_JSON));
        }
        assertThatThrownBy(() -> api.sendTyping("c", "m", 1000, 0))
                .isInstanceOf(AuthException.class)
                .hasMessageContaining("my-client");
    }

    @Test
    void rateLimitedCallsAreRetriedAndCounted() {
        server.then(Answer.json(200, OAuthClientTest.TOKEN_JSON))
                .then(new Answer(429, Map.of("Retry-After", "1"), "{}"))
                .then(new Answer(204, Map.of(), ""));
        api.sendTyping("c", "m", 1000, 0);
        assertThat(api.stats().rateLimitedCount()).isEqualTo(1);
        assertThat(sleeper.waits).hasSize(1);
    }

    @Test
    void otherClientErrorsCarryThePlatformMessage() {
        server.then(Answer.json(200, OAuthClientTest.TOKEN_JSON))
                .then(Answer.json(400, "{\"message\":\"typing.type must be On\",\"code\":\"bad.request\"}"));
        assertThatThrownBy(() -> api.sendTyping("c", "m", 1000, 0)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("typing.type must be On");
        });
    }

    @Test
    void conversationReadsTheAgentsCommunicationFromTheGenericConversation() {
        server.then(Answer.json(200, OAuthClientTest.TOKEN_JSON))
                .then(
                        Answer.json(
                                200,
                                "{\"id\":\"c\",\"participants\":[{\"id\":\"p1\",\"purpose\":\"customer\",\"messages\":[{\"id\":\"guest-comm\"}]},"
                                        + "{\"id\":\"p2\",\"purpose\":\"agent\",\"messages\":[{\"id\":\"old-comm\",\"state\":\"disconnected\"}]},"
                                        + "{\"id\":\"p3\",\"purpose\":\"agent\",\"messages\":[{\"id\":\"agent-comm\",\"state\":\"connected\"}]}]}"));
        MessagingConversation conversation = api.conversation("c 1");
        assertThat(conversation.agentCommunicationId())
                .as("not the transferred agent's")
                .contains("agent-comm");
        assertThat(server.received.get(1).path()).isEqualTo("/api/v2/conversations/c 1");
    }

    @Test
    void conversationIsEmptyWithoutAnAgentAndIgnoresMessageDetails() {
        server.then(Answer.json(200, OAuthClientTest.TOKEN_JSON))
                .then(Answer.json(
                        200, "{\"participants\":[{\"purpose\":\"agent\",\"messages\":[{\"messageId\":\"m1\"}]}]}"))
                .then(Answer.json(
                        200, "{\"participants\":[{\"purpose\":\"customer\",\"messages\":[{\"id\":\"guest\"}]}]}"));
        assertThat(api.conversation("c").agentCommunicationId()).isEmpty();
        assertThat(api.conversation("c").agentCommunicationId()).isEmpty();
    }

    @Test
    void analyticsQueryPostsTheBodyAndReturnsTheAnswer() throws Exception {
        server.then(Answer.json(200, OAuthClientTest.TOKEN_JSON)).then(Answer.json(200, "{\"totalHits\":0}"));
        JsonNode query = Json.MAPPER.readTree("{\"interval\":\"2026-01-01T00:00:00/2026-01-02T00:00:00\"}");
        assertThat(api.analyticsQuery(query).path("totalHits").asInt(-1)).isZero();
        assertThat(server.received.get(1).path()).isEqualTo("/api/v2/analytics/conversations/details/query");
        assertThat(Json.MAPPER.readTree(server.received.get(1).body())).isEqualTo(query);
    }
}
