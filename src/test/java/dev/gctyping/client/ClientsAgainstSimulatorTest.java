package dev.gctyping.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gctyping.protocol.SimulatorApi;
import dev.gctyping.protocol.guest.GuestEvent;
import dev.gctyping.protocol.guest.GuestFrame;
import dev.gctyping.simulator.FaultPlan;
import dev.gctyping.simulator.SettableClock;
import dev.gctyping.simulator.Simulator;
import dev.gctyping.simulator.SimulatorConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real clients end to end against the embedded simulator on ephemeral loopback ports. */
class ClientsAgainstSimulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SocketSettings FAST =
            new SocketSettings(new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), () -> 0.5), 8, 0);

    private Simulator simulator;
    private final SettableClock serverClock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private RetryingHttp http;
    private OAuthClient oauth;

    private Target start(String... faults) throws IOException {
        simulator = Simulator.start(
                SimulatorConfig.defaults().withFaults(FaultPlan.parse(List.of(faults), 7)), serverClock);
        Target target = Target.simulator(
                simulator.httpUri(),
                simulator.wsUri(),
                SimulatorApi.DEFAULT_CLIENT_ID,
                SimulatorApi.DEFAULT_CLIENT_SECRET);
        http = RetryingHttp.withSleeper(sleeper);
        oauth = new OAuthClient(target, http, Clock.systemUTC(), null);
        return target;
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void getsATokenAndSendsTypingAndMessages() throws IOException {
        start();
        AccessToken token = oauth.token();
        assertThat(token.tokenType()).isEqualToIgnoringCase("bearer");
        assertThat(token.expiresInSeconds()).isEqualTo(86_400);

        PlatformApi api = new PlatformApi(oauth, http);
        String agent = api.conversation("conv-1").agentCommunicationId().orElseThrow();
        api.sendTyping("conv-1", agent, 3000, 1_000);
        api.sendMessage("conv-1", agent, "hello", 2_000);
        assertThat(simulator
                        .report()
                        .conversation("conv-1")
                        .orElseThrow()
                        .sender(agent)
                        .orElseThrow()
                        .messages())
                .isEqualTo(1);
        assertThatThrownBy(() -> api.sendTyping("conv-1", "not-an-agents", 3000, 3_000))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("HTTP 404");

        api.joinSimulatedAgent("conv-1", "trace-comm", "agent-2");
        api.sendTyping("conv-1", "trace-comm", 3000, 4_000);
        assertThat(simulator.report().conversation("conv-1").orElseThrow().sender("trace-comm"))
                .isPresent();
    }

    @Test
    void tokenRequestsRideOutA429StormWithRetryAfter() throws IOException {
        start("token-429=2");
        assertThat(oauth.token().value()).isNotBlank();
        assertThat(http.stats().rateLimitedCount()).isEqualTo(2);
        assertThat(sleeper.waits)
                .hasSize(2)
                .allSatisfy(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(simulator.report().faultCounts().token429()).isEqualTo(2);
    }

    @Test
    void aTokenThatExpiresEarlyIsReplacedAndTheCallRepeated() throws Exception {
        start("token-expire-after=1s");
        PlatformApi api = new PlatformApi(oauth, http);
        String agent = api.conversation("conv-2").agentCommunicationId().orElseThrow();
        api.sendTyping("conv-2", agent, 3000, 1_000);
        String first = oauth.token().value();
        serverClock.advance(Duration.ofMillis(1_100)); // past the first token's early expiry on the server

        api.sendTyping("conv-2", agent, 3000, 2_000);

        assertThat(api.stats().reauthentications()).isEqualTo(1);
        assertThat(oauth.token().value()).isNotEqualTo(first);
        assertThat(simulator
                        .report()
                        .conversation("conv-2")
                        .orElseThrow()
                        .sender(agent)
                        .orElseThrow()
                        .typingPayloads())
                .isEqualTo(2);
    }

    @Test
    void aDroppedSeedSocketReconnectsWithAFreshToken() throws Exception {
        Target target = start("drop-every=2", "token-expire-after=1s");
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (ConversationSocket socket =
                new ConversationSocket(target, oauth, "conv-3", FAST, new ReconnectingSocket.Listener() {
                    @Override
                    public void onOpen(int connection) {
                        events.add("open " + connection);
                    }

                    @Override
                    public void onText(String text) {
                        events.add(text);
                    }
                })) {
            assertThat(socket.connect(WAIT)).isTrue();
            assertThat(next(events, e -> e.startsWith("open "))).isEqualTo("open 1");
            String first = oauth.token().value();
            serverClock.advance(Duration.ofMillis(1_100)); // the first token is now dead on the server

            // two acknowledged payloads, then the simulator drops the socket (1006)
            assertThat(socket.send(seed("conv-3", "active", "2026-01-01T00:00:00.000Z")))
                    .isTrue();
            assertThat(socket.send(seed("conv-3", "inactive", "2026-01-01T00:00:01.000Z")))
                    .isTrue();

            // the reconnect with the dead token is refused; the next attempt fetches a fresh one
            assertThat(next(events, e -> e.startsWith("open "))).isEqualTo("open 2");
            assertThat(oauth.token().value()).isNotEqualTo(first);
            assertThat(socket.reconnects()).isEqualTo(1);
            assertThat(socket.isOpen()).isTrue();
            assertThat(socket.send(seed("conv-3", "active", "2026-01-01T00:00:02.000Z")))
                    .isTrue();
            assertThat(next(events, e -> e.contains("\"ack\"") && e.contains("00:00:02")))
                    .isNotNull();
        }
        assertThat(simulator.report().faultCounts().drops()).isGreaterThanOrEqualTo(1);
        assertThat(simulator.report().faultCounts().unauthorized()).isGreaterThanOrEqualTo(1);
        ReconnectingSocketTest.awaitNoClientThreads();
    }

    @Test
    void theGuestSeesAgentTypingAndTheMessageAsStructuredMessages() throws Exception {
        Target target = start();
        BlockingQueue<GuestFrame> frames = new LinkedBlockingQueue<>();
        try (GuestSession guest = connectedGuest(target, GuestSession.joinConversation("conv-4"), frames)) {
            GuestFrame.SessionResponse session = take(frames, GuestFrame.SessionResponse.class);
            assertThat(session.connected()).isTrue();
            assertThat(session.conversationId()).isEqualTo("conv-4");

            PlatformApi api = new PlatformApi(oauth, http);
            String agent = api.conversation("conv-4").agentCommunicationId().orElseThrow();
            api.sendTyping("conv-4", agent, 4000, 1_000);
            GuestFrame.StructuredMessage typing = take(frames, GuestFrame.StructuredMessage.class);
            assertThat(typing.isOutbound()).isTrue();
            assertThat(typing.bodyType()).isEqualTo("Event");
            assertThat(typing.events()).containsExactly(new GuestEvent.Typing("On", 4000L));

            api.sendMessage("conv-4", agent, "Here is your answer", 2_000);
            GuestFrame.StructuredMessage text = take(frames, GuestFrame.StructuredMessage.class);
            assertThat(text.isOutbound()).isTrue();
            assertThat(text.isText()).isTrue();
            assertThat(text.text()).isEqualTo("Here is your answer");

            assertThat(guest.sendText("thanks")).isTrue();
            GuestFrame.StructuredMessage own = take(frames, GuestFrame.StructuredMessage.class);
            assertThat(own.isOutbound())
                    .as("the guest's own message comes back Inbound")
                    .isFalse();
            assertThat(own.text()).isEqualTo("thanks");
        }
    }

    @Test
    void theGuestRateLimitArrivesAsADecodedFrame() throws Exception {
        Target target = start();
        BlockingQueue<GuestFrame> frames = new LinkedBlockingQueue<>();
        try (GuestSession guest = connectedGuest(target, null, frames)) {
            take(frames, GuestFrame.SessionResponse.class);
            // far more than 2 onMessage per second
            for (int i = 0; i < 6; i++) {
                assertThat(guest.sendTyping()).isTrue();
            }
            GuestFrame.TooManyRequestsErrorMessage limited = take(frames, GuestFrame.TooManyRequestsErrorMessage.class);
            assertThat(limited.header().code()).isEqualTo(429);
            assertThat(limited.errorCode()).isIn(429, 4029);
            assertThat(limited.retryAfterSeconds()).isPositive();
        }
    }

    @Test
    void theEchoHeartbeatIsAnsweredWithItsTracingId() throws Exception {
        Target target = start();
        BlockingQueue<GuestFrame> frames = new LinkedBlockingQueue<>();
        try (GuestSession guest = connectedGuest(target, null, frames)) {
            take(frames, GuestFrame.SessionResponse.class);
            assertThat(guest.echo()).isTrue();
            assertThat(guest.echo())
                    .as("a second echo within 30 s is held back")
                    .isFalse();
            GuestFrame.StructuredMessage echo = take(frames, GuestFrame.StructuredMessage.class);
            assertThat(echo.header().tracingId()).isEqualTo(dev.gctyping.protocol.guest.GuestRequests.ECHO_TRACING_ID);
            assertThat(echo.text()).isEqualTo("ping");
        }
    }

    private static GuestSession connectedGuest(
            Target target, com.fasterxml.jackson.databind.node.ObjectNode join, BlockingQueue<GuestFrame> frames)
            throws InterruptedException {
        GuestSession guest = new GuestSession(
                target, "deployment-1", "https://shop.example", join, FAST, (text, frame) -> frames.add(frame));
        assertThat(guest.connect(WAIT)).isTrue();
        return guest;
    }

    private static String seed(String conversationId, String state, String timestamp) {
        return "{\"type\":\"typing\",\"conversationId\":\"" + conversationId
                + "\",\"senderId\":\"agent-1\",\"timestamp\":\"" + timestamp + "\",\"state\":\"" + state + "\"}";
    }

    /** The next event matching {@code wanted} (others are skipped), or null if none comes in time. */
    private static String next(BlockingQueue<String> events, Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event != null && wanted.test(event)) {
                return event;
            }
        }
        return null;
    }

    private static <T extends GuestFrame> T take(BlockingQueue<GuestFrame> frames, Class<T> type)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            GuestFrame frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (type.isInstance(frame)) {
                return type.cast(frame);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT);
    }
}
