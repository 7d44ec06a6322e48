package dev.gctyping.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gctyping.client.StubHttpServer.Answer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryingHttpTest {
    private final StubHttpServer server = newServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    /** random() = 0.5: half of the jitter range, so waits are exact numbers. */
    private final RetryingHttp http = new RetryingHttp(
            new JdkHttp(RetryingHttp.newHttpClient()),
            new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.5),
            4,
            sleeper);

    private static StubHttpServer newServer() {
        try {
            return new StubHttpServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get() {
        return http.send(
                () -> HttpRequest.newBuilder(server.uri().resolve("/x")).GET().build(), "test call");
    }

    @Test
    void honoursRetryAfterWithJitterThenReturnsTheAnswer() {
        server.then(new Answer(429, Map.of("Retry-After", "2"), "")).then(Answer.json(200, "{\"ok\":true}"));

        HttpResponse<String> response = get();

        assertThat(response.statusCode()).isEqualTo(200);
        // 2 s from the server plus half of the (250 ms + 10 %) jitter range
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(2000 + 225));
        assertThat(http.stats().rateLimitedCount()).isEqualTo(1);
        assertThat(http.stats().retries()).isEqualTo(1);
        assertThat(http.stats().requests()).isEqualTo(2);
    }

    @Test
    void thePlainHttpOnlyClientSpeaksHttpAndNoTls() {
        RetryingHttp plain = RetryingHttp.plainHttpOnly(sleeper);
        server.then(Answer.json(200, "{}"));

        HttpResponse<String> response = plain.send(
                () -> HttpRequest.newBuilder(server.uri().resolve("/x")).GET().build(), "plain call");
        URI overTls = URI.create("https://127.0.0.1:" + server.uri().getPort() + "/x");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() ->
                        plain.send(() -> HttpRequest.newBuilder(overTls).GET().build(), "TLS call"))
                .hasMessageContaining("TLS call")
                .hasStackTraceContaining("plain HTTP only");
    }

    @Test
    void closingEndsTheClientsSelectorThreadSoTheJvmNeedNotWaitForItAtExit() {
        Set<Thread> before = selectorThreads();
        RetryingHttp closing = RetryingHttp.withSleeper(sleeper);
        server.then(Answer.json(200, "{}"));
        closing.send(
                () -> HttpRequest.newBuilder(server.uri().resolve("/x")).GET().build(), "a call");
        Set<Thread> started = selectorThreads();
        started.removeAll(before);
        assertThat(started).as("the client's selector thread").hasSize(1);

        closing.close();

        assertThat(started.iterator().next().isAlive()).isFalse();
        assertThatThrownBy(() -> closing.send(
                        () -> HttpRequest.newBuilder(server.uri().resolve("/x"))
                                .GET()
                                .build(),
                        "a late call"))
                .as("refused at once: without its selector thread, the client would never answer")
                .isInstanceOf(UnavailableException.class)
                .hasMessage("a late call: not sent, the HTTP client is closed");
    }

    @Test
    void aCallInFlightWhenTheClientClosesEndsAtOnceWithoutARetry() throws Exception {
        RetryingHttp closing = RetryingHttp.plainHttpOnly(sleeper);
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/x");
            CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
                try {
                    closing.send(
                            () -> HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            "a call");
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            try (Socket accepted = silent.accept()) { // the call is under way: it never gets an answer
                closing.close();

                assertThat(failure.get(30, TimeUnit.SECONDS))
                        .isInstanceOf(UnavailableException.class)
                        .hasMessage("a call: not sent, the HTTP client is closed");
            }
        }
        assertThat(sleeper.waits).as("no backoff before saying so").isEmpty();
    }

    /** The JDK client's selector threads: each waits in native code for as long as its client lives. */
    private static Set<Thread> selectorThreads() {
        Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
        threads.removeIf(thread -> !thread.getName().matches("HttpClient-\\d+-SelectorManager"));
        return threads;
    }

    @Test
    void aTransportFailureAfterAnsweredAttemptsIsStillRetried() {
        server.then(Answer.json(503, ""))
                .then(Answer.json(503, ""))
                .then(Answer.hangUp())
                .then(Answer.json(200, "{}"));

        HttpResponse<String> response = http.send(
                () -> HttpRequest.newBuilder(server.uri().resolve("/x"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                "test post"); // a POST: the JDK's client retries a GET on a dead connection by itself

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(http.stats().requests()).isEqualTo(4);
    }

    @Test
    void retriesServerErrorsWithExponentialBackoff() {
        server.then(Answer.json(503, "")).then(Answer.json(502, "")).then(Answer.json(200, "{}"));

        assertThat(get().statusCode()).isEqualTo(200);
        // equal jitter at 0.5: three quarters of 100 ms, then of 200 ms
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(75), Duration.ofMillis(150));
        assertThat(http.stats().serverErrors()).isEqualTo(2);
    }

    @Test
    void givesUpAtOnceWhenRetryAfterExceedsTheLimit() {
        server.then(new Answer(429, Map.of("Retry-After", "181"), ""));

        assertThatThrownBy(this::get)
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("181 s")
                .hasMessageContaining("180 s");
        assertThat(sleeper.waits).isEmpty();
        assertThat(server.received).hasSize(1);
    }

    @Test
    void boundsTheAttempts() {
        for (int i = 0; i < 5; i++) {
            server.then(Answer.json(500, ""));
        }
        assertThatThrownBy(this::get)
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("after 4 attempts")
                .hasMessageContaining("HTTP 500");
        assertThat(server.received).hasSize(4);
        assertThat(sleeper.waits).hasSize(3);
    }

    @Test
    void rateLimitsAreNotFailedAttemptsSoATransientLimitCostsTimeNotTheCall() {
        for (int i = 0; i < 6; i++) { // more 429s than the 4 attempts allowed
            server.then(new Answer(429, Map.of("Retry-After", "1"), ""));
        }
        server.then(Answer.json(500, "")).then(Answer.json(200, "{}"));

        assertThat(get().statusCode()).isEqualTo(200);
        assertThat(server.received).hasSize(8);
        assertThat(http.stats().rateLimitedCount()).isEqualTo(6);
    }

    @Test
    void endlessRateLimitsGiveUpInTheEnd() {
        for (int i = 0; i < RetryingHttp.MAX_RATE_LIMITED + 1; i++) {
            server.then(new Answer(429, Map.of("Retry-After", "1"), ""));
        }

        assertThatThrownBy(this::get)
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("after " + RetryingHttp.MAX_RATE_LIMITED + " attempts")
                .hasMessageContaining("rate limited (429)");
    }

    @Test
    void returnsClientErrorsWithoutRetrying() {
        server.then(Answer.json(404, "{}"));
        assertThat(get().statusCode()).isEqualTo(404);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void retriesTransportFailuresAFewTimesOnly() {
        RetryingHttp toNowhere = new RetryingHttp(
                new JdkHttp(RetryingHttp.newHttpClient()),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(10), () -> 0),
                8,
                sleeper);
        String closedPort = server.uri().toString();
        server.close();
        assertThatThrownBy(() -> toNowhere.send(
                        () -> HttpRequest.newBuilder(java.net.URI.create(closedPort + "/x"))
                                .build(),
                        "dead call"))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("dead call failed after " + RetryingHttp.MAX_TRANSPORT_ATTEMPTS
                        + " attempts: the connection to "
                        + java.net.URI.create(closedPort).getHost() + ":"
                        + java.net.URI.create(closedPort).getPort() + " was refused");
        assertThat(sleeper.waits).hasSize(RetryingHttp.MAX_TRANSPORT_ATTEMPTS - 1);
    }

    @Test
    void aRefusedConnectionWithoutAPortNamesTheSchemesPort() {
        assertThat(RetryingHttp.transportFailure(
                        new java.net.ConnectException(),
                        java.net.URI.create("https://login.mypurecloud.ie/oauth/token")))
                .startsWith("the connection to login.mypurecloud.ie:443 was refused");
    }
}
