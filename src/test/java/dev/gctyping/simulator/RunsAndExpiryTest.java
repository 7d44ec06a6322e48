package dev.gctyping.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Run-scoped reports, resets, and the idle expiry that keeps a long-running simulator bounded. */
class RunsAndExpiryTest {
    private static final long IDLE_MS = 60_000;
    private static final int SHORT = 10_000;
    private static final String ON =
            "{\"typing\":{\"type\":\"On\",\"duration\":3000},\"dateSent\":\"2026-11-24T22:00:00.000Z\"}";

    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final List<TestSocket> sockets = new ArrayList<>();
    private Simulator simulator;
    private SimHttp http;
    private String token;

    private void start() throws Exception {
        start(SimulatorConfig.defaults());
    }

    private void start(SimulatorConfig config) throws Exception {
        simulator = new Simulator(config.withIdleExpiryMs(IDLE_MS), now::get);
        http = new SimHttp(simulator.httpUri());
        token = http.token();
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

    /** Typing as the conversation's agent (the simulator refuses communications that are no agent's). */
    private HttpResponse<String> typing(String conversationId, String run) {
        String agent = Conversation.stableId("agent-communication", conversationId);
        return run == null
                ? http.postJson(SimHttp.typingPath(conversationId, agent), token, ON)
                : http.postJson(SimHttp.typingPath(conversationId, agent), token, ON, Simulator.RUN_HEADER, run);
    }

    private JsonNode report(String query) {
        HttpResponse<String> response = http.get("/sim/report" + query, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return SimHttp.json(response);
    }

    private static long payloads(JsonNode report, String conversationId) {
        for (JsonNode conversation : report.get("conversations")) {
            if (conversation.get("conversationId").asText().equals(conversationId)) {
                return conversation.get("senders").get(0).get("typingPayloads").asLong();
            }
        }
        return 0;
    }

    private TestSocket guest(String conversationId, String run) throws InterruptedException {
        TestSocket socket = TestSocket.open(
                URI.create(simulator.wsUri() + "/v1?deploymentId=dep-1" + (run == null ? "" : "&run=" + run)),
                Map.of());
        sockets.add(socket);
        socket.send("{\"action\":\"configureSession\",\"token\":\"guest-" + conversationId + "-" + run
                + "\",\"deploymentId\":\"dep-1\",\"conversationId\":\"" + conversationId + "\"}");
        assertThat(socket.next().get("class").asText()).isEqualTo("SessionResponse");
        return socket;
    }

    @Test
    void aRunSeesOnlyItsOwnConversationsEvenWithTheSameIds() throws Exception {
        start();
        TestSocket guestOfRun = guest("conv-1", "run-a");
        assertThat(typing("conv-1", "run-a").statusCode()).isEqualTo(202);
        assertThat(typing("conv-1", "run-b").statusCode()).isEqualTo(202);
        assertThat(typing("conv-1", "run-b").statusCode()).isEqualTo(202);
        assertThat(typing("conv-1", null).statusCode()).isEqualTo(202);

        JsonNode runA = report("?run=run-a");
        assertThat(runA.get("run").asText()).isEqualTo("run-a");
        assertThat(payloads(runA, "conv-1")).isEqualTo(1);
        assertThat(payloads(report("?run=run-b"), "conv-1")).isEqualTo(2);
        assertThat(payloads(report(""), "conv-1")).isEqualTo(1);
        assertThat(report("?run=never-seen").get("conversations")).isEmpty();
        // the run's guest got its run's payload only
        assertThat(guestOfRun.next().get("body").get("type").asText()).isEqualTo("Event");
        assertThat(simulator
                        .report("run-a")
                        .conversation("conv-1")
                        .orElseThrow()
                        .senders()
                        .get(0)
                        .framesPushed())
                .isEqualTo(1);
    }

    @Test
    void aMalformedRunIsABadRequest() throws Exception {
        start();
        HttpResponse<String> response = typing("conv-1", "no spaces allowed");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(response).get("message").asText()).contains(Simulator.RUN_HEADER);
        try (Socket raw =
                new Socket(simulator.httpUri().getHost(), simulator.httpUri().getPort())) {
            raw.getOutputStream()
                    .write("GET /sim/report?run=%zz HTTP/1.1\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            raw.setSoTimeout(30_000);
            assertThat(new String(raw.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 400 ");
        }
        assertThat(report("").get("conversations")).isEmpty();
    }

    @Test
    void resetForgetsOneRunOrEveryRunAndClosesTheirSockets() throws Exception {
        start();
        typing("conv-1", "run-a");
        typing("conv-1", "run-b");
        typing("conv-1", null);
        TestSocket guestOfRunA = guest("conv-1", "run-a");

        HttpResponse<String> one =
                http.send(http.request("/sim/reset?run=run-a").POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(SimHttp.json(one).get("conversationsForgotten").asInt()).isEqualTo(1);
        assertThat(guestOfRunA.awaitCloseCode()).isEqualTo(CloseFrame.SERVICE_RESTART);
        assertThat(report("?run=run-a").get("conversations")).isEmpty();
        assertThat(payloads(report("?run=run-b"), "conv-1")).isEqualTo(1);

        http.send(http.request("/sim/reset").POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(report("?run=run-b").get("conversations")).isEmpty();
        assertThat(report("").get("conversations")).isEmpty();
    }

    @Test
    void idleConversationsSessionsTokensAndRunsExpireAndTheReportSaysSo() throws Exception {
        start();
        assertThat(typing("idle-1", "run-a").statusCode()).isEqualTo(202);
        assertThat(typing("idle-2", null).statusCode()).isEqualTo(202);
        TestSocket held = guest("held", null);
        TestSocket closed = guest("closed", "run-b");
        closed.closeBlocking();
        awaitNoGuest("run-b", "closed");

        now.addAndGet(IDLE_MS - 1);
        simulator.expireIdle();
        assertThat(report("").get("conversations")).hasSize(2);

        now.addAndGet(1);
        simulator.expireIdle();

        JsonNode shared = report("");
        assertThat(shared.get("conversations"))
                .extracting(c -> c.get("conversationId").asText())
                .as("a conversation with a connected guest stays")
                .containsExactly("held");
        assertThat(report("?run=run-a").get("conversations")).isEmpty();
        JsonNode expired = shared.get("expired");
        assertThat(expired.get("idleExpiryMs").asLong()).isEqualTo(IDLE_MS);
        assertThat(expired.get("conversations").asLong())
                .as(expired + " run-b: " + report("?run=run-b"))
                .isEqualTo(3);
        assertThat(expired.get("guestSessions").asLong()).isEqualTo(1);
        assertThat(expired.get("runs").asLong()).isEqualTo(2);
        assertThat(expired.get("tokens").asLong()).isEqualTo(1);
        assertThat(typing("idle-1", null).statusCode())
                .as("a forgotten token is unknown")
                .isEqualTo(401);
        held.send(
                "{\"action\":\"echo\",\"token\":\"guest-held-null\",\"message\":{\"text\":\"ping\",\"type\":\"Text\"}}");
        assertThat(held.next().get("code").asInt())
                .as("the connected guest's session lives on")
                .isEqualTo(200);
    }

    @Test
    void memoryReturnsToItsStartOnceTenThousandConversationsExpire() throws Exception {
        start(SimulatorConfig.defaults().withRequestsPerMinute(Integer.MAX_VALUE));
        // the start is a simulator that served a little and forgot it: classes loaded, code compiled, pools warm
        serve(1_000, "warm-up-");
        now.addAndGet(IDLE_MS);
        simulator.expireIdle();
        token = http.token();
        long start = heapAfterGc();

        serve(SHORT, "short-");
        long served = heapAfterGc();
        // in-process: a report of thousands over HTTP would leave its big buffers in Jackson's soft caches
        assertThat(simulator.report().conversations()).hasSize(SHORT / 2);

        now.addAndGet(IDLE_MS);
        simulator.expireIdle();
        long expired = heapAfterGc();

        assertThat(simulator.report().expired().conversations()).isEqualTo(1_000 + SHORT);
        assertThat(served).as("the conversations took memory").isGreaterThan(start);
        assertThat(expired)
                .as("heap after expiry, against %d at start and %d when served", start, served)
                .isLessThanOrEqualTo(start + start / 5);
    }

    /** Short conversations: one typing request each, half of them in one of 50 runs. */
    private void serve(int conversations, String prefix) {
        for (int i = 0; i < conversations; i++) {
            assertThat(typing(prefix + i, i % 2 == 0 ? null : "run-" + (i % 50)).statusCode())
                    .isEqualTo(202);
        }
    }

    /** Waits until the simulator saw the guest leave (a safety bound only: it happens at once). */
    private void awaitNoGuest(String run, String conversationId) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (simulator.report(run).conversation(conversationId).orElseThrow().guestsConnected() > 0) {
            assertThat(System.nanoTime())
                    .as("the simulator did not see the guest leave")
                    .isLessThan(deadline);
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
