package dev.gctyping.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.protocol.SimulatorReport;
import dev.gctyping.protocol.SimulatorReport.Interval;
import dev.gctyping.protocol.SimulatorReport.SenderReport;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorSocketTest {
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00.000Z

    private final List<TestSocket> sockets = new ArrayList<>();
    private final SettableClock clock = new SettableClock(Instant.ofEpochMilli(T0));
    private Simulator simulator;
    private SimHttp http;

    private void start(String... faults) throws Exception {
        simulator = Simulator.start(SimulatorConfig.defaults().withFaults(FaultPlan.parse(List.of(faults), 7)), clock);
        http = new SimHttp(simulator.httpUri());
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (TestSocket socket : sockets) {
            socket.closeBlocking();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private TestSocket seedSocket(String conversationId, Map<String, String> headers) throws InterruptedException {
        TestSocket socket = TestSocket.open(
                simulator.wsUri().resolve("/v1/conversations/" + conversationId + "/websocket"), headers);
        sockets.add(socket);
        return socket;
    }

    private TestSocket authorizedSeedSocket(String conversationId) throws InterruptedException {
        return seedSocket(conversationId, Map.of("Authorization", "Bearer " + http.token()));
    }

    /** A guest socket with a configured session in {@code conversationId}. */
    private TestSocket guest(String conversationId, String sessionToken) throws InterruptedException {
        TestSocket socket =
                TestSocket.open(URI.create(simulator.wsUri() + "/v1?deploymentId=dep-1&application=test"), Map.of());
        sockets.add(socket);
        socket.send("{\"action\":\"configureSession\",\"token\":\"" + sessionToken + "\",\"deploymentId\":\"dep-1\","
                + "\"startNew\":false,\"conversationId\":\"" + conversationId + "\",\"tracingId\":\"cfg\"}");
        JsonNode session = socket.next();
        assertThat(session.get("class").asText()).isEqualTo("SessionResponse");
        assertThat(session.get("body").get("connected").asBoolean()).isTrue();
        return socket;
    }

    private static String seedTyping(String conversationId, String senderId, long at, String state) {
        return "{\"type\":\"typing\",\"conversationId\":\"" + conversationId + "\",\"senderId\":\"" + senderId
                + "\",\"timestamp\":\"" + SimulatorJson.iso(at) + "\",\"state\":\"" + state + "\"}";
    }

    /** Frames on one socket are handled in order: once the pong is back, everything before it is recorded. */
    private static void barrier(TestSocket seed) throws InterruptedException {
        seed.send("{\"type\":\"ping\"}");
        assertThat(seed.next().get("type").asText()).isEqualTo("pong");
    }

    @Test
    void seedSocketIsRefusedWith401WithoutAValidBearerToken() throws Exception {
        start();
        TestSocket anonymous = seedSocket("c1", Map.of());
        TestSocket forged = seedSocket("c1", Map.of("Authorization", "Bearer forged"));

        assertThat(anonymous.awaitCloseCode()).isNotEqualTo(CloseFrame.NORMAL);
        assertThat(anonymous.closeReason()).contains("401");
        assertThat(forged.awaitCloseCode()).isNotEqualTo(CloseFrame.NORMAL);
        assertThat(forged.closeReason()).contains("401");
        assertThat(simulator.report().faultCounts().unauthorized()).isEqualTo(2);
    }

    @Test
    void seedSocketWithATokenAnswersPingAndReportsBadFramesWithoutClosing() throws Exception {
        start();
        TestSocket seed = authorizedSeedSocket("c1");
        assertThat(seed.isOpen()).isTrue();

        seed.send("{not json");
        JsonNode invalid = seed.next();
        seed.send(
                "{\"type\":\"typing\",\"conversationId\":\"c1\",\"senderId\":\"a\",\"timestamp\":\"x\",\"state\":\"active\"}");
        JsonNode badTimestamp = seed.next();
        seed.send(
                "{\"type\":\"typing\",\"conversationId\":\"c2\",\"senderId\":\"a\",\"timestamp\":0,\"state\":\"active\"}");
        JsonNode wrongConversation = seed.next();

        assertThat(invalid.get("type").asText()).isEqualTo("error");
        assertThat(invalid.get("code").asInt()).isEqualTo(400);
        assertThat(badTimestamp.get("message").asText()).contains("timestamp");
        assertThat(wrongConversation.get("message").asText()).contains("conversationId");
        barrier(seed);
        assertThat(seed.isOpen()).isTrue();
    }

    @Test
    void unknownSocketPathsAreRefused() throws Exception {
        start();
        TestSocket nowhere = TestSocket.open(simulator.wsUri().resolve("/nowhere"), Map.of());
        sockets.add(nowhere);

        nowhere.awaitCloseCode();
        assertThat(nowhere.closeReason()).contains("404");
    }

    @Test
    void guestSeesAgentApiTypingAsTheStructuredMessageEventThenTheText() throws Exception {
        start();
        TestSocket guest = guest("conv-1", "guest-token-1");
        String token = http.token();

        String agent = Conversation.stableId("agent-communication", "conv-1");
        http.postJson(
                SimHttp.typingPath("conv-1", agent),
                token,
                "{\"typing\":{\"type\":\"On\",\"duration\":3000},\"dateSent\":\"2026-01-01T00:00:00.000Z\"}");
        JsonNode typing = guest.next();
        http.postJson(
                SimHttp.messagesPath("conv-1", agent),
                token,
                "{\"textBody\":\"Hi there\"}",
                "Gctyping-Trace-Time",
                "2026-01-01T00:00:01.000Z");
        JsonNode text = guest.next();

        assertThat(typing.get("type").asText()).isEqualTo("message");
        assertThat(typing.get("class").asText()).isEqualTo("StructuredMessage");
        assertThat(typing.get("code").asInt()).isEqualTo(200);
        JsonNode body = typing.get("body");
        assertThat(body.get("type").asText()).isEqualTo("Event");
        assertThat(body.get("direction").asText()).isEqualTo("Outbound");
        assertThat(body.get("channel").get("time").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(body.get("events"))
                .isEqualTo(SimHttp.json("[{\"eventType\":\"Typing\",\"typing\":{\"type\":\"On\",\"duration\":3000}}]"));
        assertThat(text.get("class").asText()).isEqualTo("StructuredMessage");
        assertThat(text.get("body").get("type").asText()).isEqualTo("Text");
        assertThat(text.get("body").get("direction").asText()).isEqualTo("Outbound");
        assertThat(text.get("body").get("text").asText()).isEqualTo("Hi there");
        SenderReport sender = simulator
                .report()
                .conversation("conv-1")
                .orElseThrow()
                .sender(agent)
                .orElseThrow();
        assertThat(sender.framesPushed()).isEqualTo(2);
    }

    @Test
    void guestSeesSeedActiveAsTypingOnWithoutDurationAndInactiveAsOff() throws Exception {
        start();
        TestSocket guest = guest("conv-2", "guest-token-2");
        TestSocket seed = authorizedSeedSocket("conv-2");

        seed.send(seedTyping("conv-2", "agent-1", T0, "active"));
        JsonNode on = guest.next();
        seed.send(seedTyping("conv-2", "agent-1", T0 + 3000, "inactive"));
        JsonNode off = guest.next();

        assertThat(on.get("body").get("events"))
                .isEqualTo(SimHttp.json("[{\"eventType\":\"Typing\",\"typing\":{\"type\":\"On\"}}]"));
        assertThat(off.get("body").get("events"))
                .isEqualTo(SimHttp.json("[{\"eventType\":\"Typing\",\"typing\":{\"type\":\"Off\"}}]"));
    }

    @Test
    void guestOnMessageIsLimitedToTwoPerSecond() throws Exception {
        start();
        TestSocket guest = guest("conv-3", "guest-token-3");

        for (int i = 0; i < 5; i++) {
            guest.send("{\"action\":\"onMessage\",\"token\":\"guest-token-3\",\"tracingId\":\"m" + i + "\","
                    + "\"message\":{\"type\":\"Text\",\"text\":\"hello " + i + "\"}}");
        }
        List<JsonNode> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(guest.next());
        }

        assertThat(replies.get(0).get("body").get("text").asText()).isEqualTo("hello 0");
        assertThat(replies.get(0).get("body").get("direction").asText()).isEqualTo("Inbound");
        JsonNode limited = replies.stream()
                .filter(reply -> reply.get("class").asText().equals("TooManyRequestsErrorMessage"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no 429 among " + replies));
        assertThat(limited.get("code").asInt()).isEqualTo(429);
        assertThat(limited.get("body").get("errorCode").asInt()).isEqualTo(4029);
        assertThat(limited.get("body").get("retryAfter").asInt()).isPositive();
        assertThat(limited.get("tracingId").asText()).startsWith("m");
    }

    @Test
    void echoKeepsTheTracingIdAndNeedsASession() throws Exception {
        start();
        TestSocket stranger = TestSocket.open(URI.create(simulator.wsUri() + "/v1?deploymentId=dep-1"), Map.of());
        sockets.add(stranger);
        stranger.send("{\"action\":\"echo\",\"token\":\"t\",\"tracingId\":\"early\","
                + "\"message\":{\"type\":\"Text\",\"text\":\"ping\"}}");
        JsonNode notFound = stranger.next();
        TestSocket guest = guest("conv-4", "guest-token-4");

        guest.send("{\"action\":\"echo\",\"token\":\"guest-token-4\",\"tracingId\":\"SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=\","
                + "\"message\":{\"type\":\"Text\",\"text\":\"ping\"}}");
        JsonNode echo = guest.next();

        assertThat(notFound.get("code").asInt()).isEqualTo(4007);
        assertThat(notFound.get("tracingId").asText()).isEqualTo("early");
        assertThat(echo.get("type").asText()).isEqualTo("response");
        assertThat(echo.get("class").asText()).isEqualTo("StructuredMessage");
        assertThat(echo.get("tracingId").asText()).isEqualTo("SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=");
        assertThat(echo.get("body").get("text").asText()).isEqualTo("ping");
    }

    /**
     * Recreates the state Java-WebSocket's write race leaves behind (a frame queued, the key reset to read
     * interest only) and checks the frame still leaves: without the server's sweep it never would.
     */
    @Test
    void aFrameStrandedWithoutWriteInterestIsStillSent() throws Exception {
        start();
        TestSocket guest = guest("conv-5", "guest-token-5");
        WebSocketImpl conn =
                (WebSocketImpl) simulator.sockets().getConnections().iterator().next();

        conn.getSelectionKey().interestOps(SelectionKey.OP_READ);
        for (Framedata frame : conn.getDraft().createFrames("{\"stranded\":true}", false)) {
            conn.outQueue.add(conn.getDraft().createBinaryFrame(frame));
        }

        assertThat(guest.next().get("stranded").asBoolean()).isTrue();
    }

    @Test
    void aGuestThatNamesNoConversationGetsItsOwnAndIsToldWhich() throws Exception {
        start();
        TestSocket sdkGuest = TestSocket.open(URI.create(simulator.wsUri() + "/v1?deploymentId=dep-1"), Map.of());
        sockets.add(sdkGuest);
        sdkGuest.send("{\"action\":\"configureSession\",\"token\":\"sdk-token\",\"deploymentId\":\"dep-1\"}");

        JsonNode session = sdkGuest.next();

        assertThat(session.get("body").get("newSession").asBoolean()).isTrue();
        String conversationId = session.get("body").get("conversationId").asText();
        assertThat(conversationId).isEqualTo(Conversation.stableId("guest-conversation", "sdk-token"));
        assertThat(simulator.report().conversation(conversationId).orElseThrow().guestsConnected())
                .isEqualTo(1);
    }

    @Test
    void reportHoldsTheWorkedExamplesOfProtocolMd() throws Exception {
        start();
        TestSocket seed = authorizedSeedSocket("seed-conv");
        seed.send(seedTyping("seed-conv", "agent-1", T0, "active"));
        seed.send(seedTyping("seed-conv", "agent-1", T0 + 600, "active"));
        seed.send(seedTyping("seed-conv", "agent-1", T0 + 3600, "inactive"));
        seed.send(seedTyping("seed-conv", "agent-1", T0 + 3600, "inactive")); // a resend after a lost ack
        for (String state : new String[] {"active", "active", "inactive", "inactive"}) {
            JsonNode ack = seed.next();
            assertThat(ack.path("type").asText()).isEqualTo("ack");
            assertThat(ack.path("state").asText()).isEqualTo(state);
        }
        barrier(seed);
        String token = http.token();
        String agent = Conversation.stableId("agent-communication", "api-conv");
        http.postJson(
                SimHttp.typingPath("api-conv", agent),
                token,
                "{\"typing\":{\"type\":\"On\",\"duration\":3000},\"dateSent\":\"" + SimulatorJson.iso(T0) + "\"}");
        http.postJson(
                SimHttp.typingPath("api-conv", agent),
                token,
                "{\"typing\":{\"type\":\"On\",\"duration\":3000},\"dateSent\":\"" + SimulatorJson.iso(T0 + 600)
                        + "\"}");
        http.postJson(
                SimHttp.messagesPath("api-conv", agent),
                token,
                "{\"textBody\":\"done\"}",
                "Gctyping-Trace-Time",
                Long.toString(T0 + 1000));

        SimulatorReport report = simulator.report();

        SenderReport seedAgent =
                report.conversation("seed-conv").orElseThrow().sender("agent-1").orElseThrow();
        assertThat(seedAgent.dialect()).isEqualTo("seed");
        assertThat(seedAgent.typingPayloads()).isEqualTo(3);
        assertThat(seedAgent.framesPushed())
                .as("no guest connected: a virtual guest")
                .isZero();
        assertThat(seedAgent.intervals()).containsExactly(new Interval(T0, T0 + 3600, "inactive"));
        assertThat(report.conversation("seed-conv").orElseThrow().guestVisibleMs())
                .isEqualTo(3600);
        SenderReport apiAgent =
                report.conversation("api-conv").orElseThrow().sender(agent).orElseThrow();
        assertThat(apiAgent.dialect()).isEqualTo("agent-api");
        assertThat(apiAgent.messages()).isEqualTo(1);
        assertThat(apiAgent.intervals()).containsExactly(new Interval(T0, T0 + 1000, "message"));
    }

    @Test
    void dropFaultClosesTheSocketAbnormallyAfterEveryNMessages() throws Exception {
        start("drop-every=3");
        TestSocket seed = authorizedSeedSocket("c1");

        for (int i = 0; i < 3; i++) {
            seed.send("{\"type\":\"ping\"}");
        }

        assertThat(seed.awaitCloseCode()).isEqualTo(CloseFrame.ABNORMAL_CLOSE);
        assertThat(simulator.report().faultCounts().drops()).isEqualTo(1);
    }

    @Test
    void timedDropFaultClosesEachSocketAbnormally() throws Exception {
        start("drop-every=50ms");
        TestSocket seed = authorizedSeedSocket("c1");

        assertThat(seed.awaitCloseCode()).isEqualTo(CloseFrame.ABNORMAL_CLOSE);
        assertThat(simulator.report().faultCounts().drops()).isEqualTo(1);
    }

    @Test
    void closeSessionAnswersConnectedFalseAndClosesTheSessionsOtherConnections() throws Exception {
        start();
        TestSocket guest = guest("c1", "guest-token-6");
        TestSocket otherDevice = guest("c1", "guest-token-6");

        guest.send("{\"action\":\"closeSession\",\"token\":\"guest-token-6\",\"closeAllConnections\":true,"
                + "\"tracingId\":\"bye\"}");

        JsonNode closed = guest.next();
        assertThat(closed.get("type").asText()).isEqualTo("response");
        assertThat(closed.get("class").asText())
                .as("never a class:string frame, an error to Genesys' SDK")
                .isEqualTo("SessionResponse");
        assertThat(closed.get("code").asInt()).isEqualTo(200);
        assertThat(closed.get("tracingId").asText()).isEqualTo("bye");
        assertThat(closed.get("body").get("connected").asBoolean()).isFalse();
        assertThat(closed.get("body").get("readOnly").asBoolean()).isTrue();
        JsonNode event = otherDevice.next();
        assertThat(event.get("type").asText()).isEqualTo("message");
        assertThat(event.get("class").asText()).isEqualTo("ConnectionClosedEvent");
        assertThat(event.get("body").isObject()).isTrue();
        assertThat(simulator.report().conversation("c1").orElseThrow().guestsConnected())
                .isZero();

        // the socket stays open: Genesys' SDK configures a new session on it
        guest.send("{\"action\":\"configureSession\",\"token\":\"guest-token-6\",\"deploymentId\":\"dep-1\","
                + "\"startNew\":true,\"conversationId\":\"c2\"}");
        JsonNode fresh = guest.next();
        assertThat(fresh.get("body").get("connected").asBoolean()).isTrue();
        assertThat(fresh.get("body").get("newSession").asBoolean()).isTrue();
    }

    @Test
    void theGuestsTextAndEchoComeBackWithChannelTimeAndMessageId() throws Exception {
        start();
        TestSocket guest = guest("c1", "guest-token-7");
        clock.advance(Duration.ofMillis(1_234));

        guest.send("{\"action\":\"onMessage\",\"token\":\"guest-token-7\",\"tracingId\":\"t1\","
                + "\"message\":{\"type\":\"Text\",\"text\":\"hello\",\"metadata\":{\"customMessageId\":\"mine\"}}}");
        JsonNode echo = guest.next();
        guest.send("{\"action\":\"echo\",\"token\":\"guest-token-7\",\"tracingId\":\"hc\","
                + "\"message\":{\"type\":\"Text\",\"text\":\"ping\"}}");
        JsonNode pong = guest.next();

        assertThat(echo.get("type").asText()).isEqualTo("message");
        assertThat(echo.get("class").asText()).isEqualTo("StructuredMessage");
        JsonNode body = echo.get("body");
        assertThat(body.get("direction").asText()).isEqualTo("Inbound");
        assertThat(body.get("type").asText()).isEqualTo("Text");
        assertThat(body.get("text").asText()).isEqualTo("hello");
        assertThat(body.get("channel").get("time").asText()).isEqualTo("2026-01-01T00:00:01.234Z");
        assertThat(body.get("channel").get("messageId").asText())
                .isEqualTo(body.get("id").asText())
                .isNotBlank();
        assertThat(body.get("metadata").get("customMessageId").asText()).isEqualTo("mine");
        assertThat(pong.get("type").asText()).isEqualTo("response");
        assertThat(pong.get("body").get("channel").get("time").asText()).isEqualTo("2026-01-01T00:00:01.234Z");
        assertThat(pong.get("body").get("channel").get("messageId").asText()).isNotBlank();
    }

    @Test
    void theGuestsTypingComesBackToTheConversationsGuestsAsAnInboundEvent() throws Exception {
        start();
        TestSocket typist = guest("c1", "guest-token-8");
        TestSocket watcher = guest("c1", "guest-token-9");

        typist.send(
                "{\"token\":\"guest-token-8\",\"tracingId\":\"ty\",\"action\":\"onMessage\","
                        + "\"message\":{\"events\":[{\"eventType\":\"Typing\",\"typing\":{\"type\":\"On\"}}],\"type\":\"Event\"}}");

        for (JsonNode echo : List.of(typist.next(), watcher.next())) {
            assertThat(echo.get("type").asText()).isEqualTo("message");
            assertThat(echo.get("class").asText()).isEqualTo("StructuredMessage");
            assertThat(echo.get("code").asInt()).isEqualTo(200);
            JsonNode body = echo.get("body");
            assertThat(body.get("type").asText()).isEqualTo("Event");
            assertThat(body.get("direction").asText()).isEqualTo("Inbound");
            assertThat(body.get("channel").get("time").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
            assertThat(body.get("events"))
                    .isEqualTo(SimHttp.json("[{\"eventType\":\"Typing\",\"typing\":{\"type\":\"On\"}}]"));
        }
        assertThat(simulator.report().conversation("c1").orElseThrow().guestTypingEvents())
                .isEqualTo(1);
        assertThat(simulator.report().conversation("c1").orElseThrow().senders())
                .as("not an agent")
                .isEmpty();
    }

    @Test
    void closeStopsEveryThreadTheSimulatorStarted() throws Exception {
        start("drop-every=10s");
        TestSocket seed = authorizedSeedSocket("c1");
        barrier(seed);
        seed.closeBlocking();

        simulator.close();

        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(name -> name.startsWith("sim-")
                            || name.startsWith("WebSocketSelector")
                            || name.startsWith("WebSocketWorker"))
                    .toList();
        } while (!left.isEmpty() && System.nanoTime() < deadline && sleepBriefly());
        assertThat(left).isEmpty();
    }

    private static boolean sleepBriefly() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }
}
