package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gctyping.app.Environment;
import dev.gctyping.simulator.FaultPlan;
import dev.gctyping.simulator.Simulator;
import dev.gctyping.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays end to end through the embedded simulator (ephemeral loopback ports), both dialects,
 * with and without faults: nothing may be lost, and the guest truth must match hand-computed
 * figures (protocol.md's worked example).
 */
class ReplayOverTheWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_764_000_000_000L;

    @TempDir
    Path dir;

    /** Runs a command with an empty home and environment, so only the embedded simulator can be the target. */
    private CliRun run(String... args) {
        return CliRun.run(
                GcTypingCommand.commandLine(
                        new Environment(dir, Map.of(), InputStream.nullInputStream(), Clock.systemUTC())),
                args);
    }

    private Path trace(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "trace", ".ndjson");
        Files.write(file, List.of(lines));
        return file;
    }

    /** A message over the platform's 4000 characters is refused (400): a real, definitive loss. */
    private Path refusedMessage() throws IOException {
        return trace(event(0, "a1", "keystroke"), refusedSend(500));
    }

    private static String refusedSend(long offset) {
        return "{\"ts\": " + (T0 + offset) + ", \"conversationId\": \"c1\", \"agentId\": \"a1\", "
                + "\"event\": \"send\", \"text\": \"" + "x".repeat(4001) + "\"}";
    }

    private static String event(long offset, String agent, String type) {
        return "{\"ts\": " + (T0 + offset) + ", \"conversationId\": \"c1\", \"agentId\": \"" + agent
                + "\", \"event\": \"" + type + "\"}";
    }

    private static List<JsonNode> records(CliRun run, String event) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (String line : run.outLines()) {
            JsonNode node = JSON.readTree(line);
            if (node.path("event").asText().equals(event)) {
                found.add(node);
            }
        }
        return found;
    }

    private static JsonNode summary(CliRun run) throws IOException {
        return records(run, "replay_summary").get(0);
    }

    @Test
    void agentApiWorkedExampleEndsAtTheMessageWithNoStaleTime() throws IOException {
        Path trace = trace(
                event(0, "a1", "keystroke"),
                event(300, "a1", "keystroke"),
                event(600, "a1", "keystroke"),
                event(1000, "a1", "send"));
        CliRun run = run("replay", "--speed", "max", "--assert", trace.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode m = records(run, "agent_typing_engagement").get(0).path("metrics");
        assertThat(m.path("payloadsSent").asLong())
                .as("one On covers the burst, then the message")
                .isEqualTo(2);
        assertThat(m.path("payloadsDelivered").asLong()).isEqualTo(2);
        assertThat(m.path("payloadsLost").asLong()).isZero();
        assertThat(m.path("guestVisibleTypingMs").asLong()).isEqualTo(1000);
        assertThat(m.path("staleTypingMs").asLong()).isZero();
        assertThat(m.path("blindTypingMs").asLong()).isZero();
        assertThat(summary(run).path("dialect").asText()).isEqualTo("agent-api");
        assertThat(summary(run).path("latencySamples").asLong())
                .as("a real guest received the On")
                .isEqualTo(1);
    }

    @Test
    void seedWorkedExampleShowsTheStaleSecond() throws IOException {
        Path trace = trace(event(0, "a1", "keystroke"), event(300, "a1", "keystroke"), event(600, "a1", "keystroke"));
        CliRun run = run("replay", "--dialect", "seed", "--speed", "max", "--assert", trace.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode m = records(run, "agent_typing_engagement").get(0).path("metrics");
        assertThat(m.path("payloadsDelivered").asLong())
                .as("active, active, inactive")
                .isEqualTo(3);
        assertThat(m.path("guestVisibleTypingMs").asLong()).isEqualTo(3600);
        assertThat(m.path("staleTypingMs").asLong()).isEqualTo(1000);
        assertThat(m.path("maxStaleMs").asLong()).isEqualTo(1000);
        assertThat(m.path("blindTypingMs").asLong()).isZero();
    }

    @Test
    void seedSocketDropsLoseNothingAndChangeNothingTheGuestSaw() throws IOException {
        CliRun clean = run("replay", "-q", "--dialect", "seed", "--speed", "max", "samples/single-agent.ndjson");
        CliRun dropped = run(
                "replay",
                "-q",
                "--dialect",
                "seed",
                "--speed",
                "max",
                "--fault",
                "drop-every=5",
                "--assert",
                "samples/single-agent.ndjson");
        assertThat(dropped.exitCode()).as(dropped.toString()).isZero();
        JsonNode withDrops = records(dropped, "agent_typing_engagement").get(0).path("metrics");
        JsonNode withoutDrops = records(clean, "agent_typing_engagement").get(0).path("metrics");
        assertThat(withDrops.path("reconnects").asLong()).isGreaterThan(5);
        assertThat(withDrops.path("payloadsLost").asLong()).isZero();
        assertThat(withDrops.path("payloadsDelivered").asLong())
                .isEqualTo(withDrops.path("payloadsSent").asLong())
                .isEqualTo(67);
        for (String figure : List.of("guestVisibleTypingMs", "staleTypingMs", "blindTypingMs", "maxStaleMs")) {
            assertThat(withDrops.path(figure).asLong())
                    .as(figure)
                    .isEqualTo(withoutDrops.path(figure).asLong());
        }
    }

    @Test
    void agentApiRides429sAndEarlyTokenExpiryWithoutLoss() throws IOException {
        CliRun run = run(
                "replay",
                "-q",
                "--speed",
                "25",
                "--fault",
                "api-429-rate=0.1",
                "--fault",
                "token-expire-after=400ms",
                "--assert",
                "samples/transfer.ndjson");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode summary = summary(run);
        assertThat(summary.path("payloadsLost").asLong()).isZero();
        assertThat(summary.path("rateLimited").asLong()).isPositive();
        assertThat(summary.path("retries").asLong())
                .as("429s and 401s were retried")
                .isGreaterThan(summary.path("rateLimited").asLong());
        assertThat(summary.path("payloadsDelivered").asLong())
                .isEqualTo(summary.path("payloadsSent").asLong());
    }

    @Test
    void assertFailsWithOneLinePerViolationAndAJUnitFailure() throws IOException {
        Path junit = dir.resolve("reports/replay.xml");
        CliRun run = run(
                "replay",
                "-q",
                "--speed",
                "max",
                "--assert",
                "--junit",
                junit.toString(),
                refusedMessage().toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ASSERTION_FAILED);
        assertThat(run.err())
                .contains("assertion failed: conversation c1: agent a1: payload lost: message for c1")
                .contains("HTTP 400");
        assertThat(summary(run).path("payloadsLost").asLong()).isPositive();
        assertThat(Files.readString(junit))
                .contains("tests=\"1\" failures=\"1\"")
                .contains("<failure message=");
    }

    @Test
    void aRepeatedViolationIsOneLineWithACount() throws IOException {
        CliRun run = run(
                "replay",
                "-q",
                "--speed",
                "max",
                "--assert",
                trace(event(0, "a1", "keystroke"), refusedSend(500), refusedSend(1000), refusedSend(1500))
                        .toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ASSERTION_FAILED);
        assertThat(run.err().lines().filter(line -> line.startsWith("assertion failed: ")))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("assertion failed: payload lost: message for c1: ")
                        .contains("HTTP 400")
                        .endsWith(" (3×: agent a1 in conversation c1)"));
    }

    @Test
    void smokePassesAndSurvivesDropsAndEndsWithItsVerdict() throws IOException {
        CliRun plain = run("smoke", "-q");
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.err().lines().reduce((first, second) -> second))
                .hasValue("smoke: PASS, 51 conversations, 0 lost");
        Path junit = dir.resolve("smoke.xml");
        CliRun dropped =
                run("smoke", "-q", "--dialect", "seed", "--fault", "drop-every=10", "--junit", junit.toString());
        assertThat(dropped.exitCode()).as(dropped.toString()).isZero();
        assertThat(summary(dropped).path("payloadsLost").asLong()).isZero();
        // 23 to 34 frames on each of the 51 sockets: every one is dropped at least twice
        long drops = summary(dropped).path("faultsInjected").path("drop-every").asLong();
        assertThat(drops).isGreaterThanOrEqualTo(102);
        assertThat(dropped.err())
                .contains("gctyping: faults injected: drop-every " + drops + "\nsmoke: PASS, 51 conversations, 0 lost");
        assertThat(Files.readString(junit)).contains("tests=\"51\" failures=\"0\"");
    }

    @Test
    void theSummaryAndStderrSayHowOftenEachFaultStruck() throws IOException {
        CliRun run = run(
                "replay",
                "-q",
                "--dialect",
                "seed",
                "--speed",
                "max",
                "--fault",
                "drop-every=5",
                "--fault",
                "token-429=2",
                "--assert",
                "samples/single-agent.ndjson");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode injected = summary(run).path("faultsInjected");
        assertThat(injected.path("token-429").asLong()).isEqualTo(2);
        // 67 frames on one socket, dropped after every 5th (resent frames count too)
        assertThat(injected.path("drop-every").asLong()).isGreaterThanOrEqualTo(13);
        assertThat(run.err())
                .contains("gctyping: faults injected: token-429 2, drop-every "
                        + injected.path("drop-every").asLong())
                .doesNotContain("warning");
    }

    @Test
    void aFaultThatNeverStruckIsAWarning() throws IOException {
        // agent-api sends no socket frames: only the guests have sockets, and they send far fewer than 50
        CliRun run = run("replay", "-q", "--speed", "max", "--fault", "drop-every=50", "samples/transfer.ndjson");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(summary(run).path("faultsInjected").path("drop-every").asLong())
                .isZero();
        assertThat(run.err())
                .contains("gctyping: faults injected: drop-every 0\n")
                .contains("gctyping: warning: --fault drop-every injected nothing in this run (each socket is dropped");
    }

    @Test
    void aLongRunningSimulatorsFaultsAreCountedPerReplay() throws IOException {
        try (Simulator simulate =
                Simulator.start(SimulatorConfig.defaults().withFaults(FaultPlan.parse(List.of("drop-every=5"), 1)))) {
            String target = simulate.httpUri().toString();
            long[] drops = new long[2];
            for (int i = 0; i < drops.length; i++) {
                CliRun run = run(
                        "replay",
                        "-q",
                        "--dialect",
                        "seed",
                        "--speed",
                        "max",
                        "--target",
                        target,
                        "samples/single-agent.ndjson");
                assertThat(run.exitCode()).as(run.toString()).isZero();
                drops[i] =
                        summary(run).path("faultsInjected").path("drop-every").asLong();
            }

            assertThat(drops).doesNotContain(0L);
            assertThat(drops[0] + drops[1])
                    .as("each replay counts its own drops")
                    .isEqualTo(simulate.report().faultsInjected().get("drop-every"));
        }
    }

    @Test
    void checksAgainstOneLongRunningSimulatorCountOnlyTheirOwnRun() throws IOException {
        // as `simulate --rate-limit 1000000`: the default 300 per minute would only make the runs slow
        try (Simulator simulate = Simulator.start(SimulatorConfig.defaults().withRequestsPerMinute(1_000_000))) {
            String target = simulate.httpUri().toString();
            CliRun first = run("smoke", "-q", "--target", target);
            CliRun second = run("smoke", "-q", "--target", target);
            CliRun lossy = run(
                    "replay",
                    "-q",
                    "--speed",
                    "max",
                    "--assert",
                    "--target",
                    target,
                    refusedMessage().toString());

            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(second.exitCode())
                    .as("the same conversations again: " + second)
                    .isZero();
            assertThat(lossy.exitCode()).as(lossy.toString()).isEqualTo(ExitCodes.ASSERTION_FAILED);
            assertThat(lossy.err()).contains("payload lost: ").doesNotContain("the server recorded");
            assertThat(simulate.report().conversations())
                    .as("every run kept to itself")
                    .isEmpty();
        }
    }

    @Test
    void enrichAddsTheAnalyticsConversationAndTheAgentsParticipant() throws IOException {
        CliRun run = run("replay", "-q", "--speed", "max", "--enrich", "samples/transfer.ndjson");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        for (JsonNode record : records(run, "agent_typing_engagement")) {
            JsonNode m = record.path("metrics");
            assertThat(m.path("conversationStart").asText()).isEqualTo("2025-11-24T16:00:00.096Z");
            assertThat(m.path("conversationEnd").asText()).isEqualTo("2025-11-24T16:00:46.167Z");
            assertThat(m.path("originatingDirection").asText()).isEqualTo("inbound");
            assertThat(m.path("agentParticipant").path("purpose").asText()).isEqualTo("agent");
        }
        List<JsonNode> agents = records(run, "agent_typing_engagement");
        assertThat(agents.get(0)
                        .path("metrics")
                        .path("agentParticipant")
                        .path("participantId")
                        .asText())
                .as("each agent finds its own participant")
                .isNotEqualTo(agents.get(1)
                        .path("metrics")
                        .path("agentParticipant")
                        .path("participantId")
                        .asText());
    }

    @Test
    void aCommunicationIdFromTheTraceIsTheOneTypedOn() throws IOException {
        Path trace = trace(
                "{\"ts\": " + T0
                        + ", \"conversationId\": \"c1\", \"agentId\": \"a1\", \"communicationId\": \"comm-from-trace\"}",
                event(600, "a1", "keystroke"),
                event(1000, "a1", "send"));
        CliRun run = run("replay", "-q", "--speed", "max", "--enrich", "--assert", trace.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode participant =
                records(run, "agent_typing_engagement").get(0).path("metrics").path("agentParticipant");
        assertThat(participant.path("sessions").path(0).path("sessionId").asText())
                .isEqualTo("comm-from-trace");
    }

    @Test
    void dryRunRefusesWireOnlyOptions() {
        CliRun run = run("replay", "--dry-run", "--assert", "samples/transfer.ndjson");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--assert does nothing with --dry-run");
    }

    @Test
    void guestPageSaysWhereTheEmbeddedSimulatorServesIt() throws IOException {
        Path trace = trace(event(0, "a1", "keystroke"), event(100, "a1", "send"));

        CliRun shown = run("replay", "--speed", "max", "--guest-page", trace.toString());
        CliRun dry = run("replay", "--dry-run", "--guest-page", trace.toString());

        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        assertThat(shown.err()).containsPattern("gctyping: guest page: http://127\\.0\\.0\\.1:\\d+/guest");
        assertThat(dry.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(dry.err()).contains("--guest-page does nothing with --dry-run");
        try (Simulator simulate = Simulator.start(SimulatorConfig.defaults())) {
            CliRun separate = run(
                    "replay",
                    "--speed",
                    "max",
                    "--guest-page",
                    "--target",
                    simulate.httpUri().toString(),
                    trace.toString());
            assertThat(separate.exitCode()).as(separate.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(separate.err()).contains("--guest-page shows the embedded simulator's page");
        }
    }
}
