package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<JsonNode> run(String... args) throws IOException {
        CliRun run = CliRun.run(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<JsonNode> records = new ArrayList<>();
        for (String line : run.outLines()) {
            records.add(JSON.readTree(line));
        }
        return records;
    }

    @Test
    void theWorkedExampleGivesTheHandComputedFigures() throws IOException {
        // keystrokes at 0, 300, 600 then nothing (docs/guest-truth.md): composing [0, 2600); seed: the guest sees
        // [0, 3600); agent-api: one On whose duration covers the expiry, the lead and a slack (docs/agent-api-plan.md)
        Path trace = dir.resolve("worked.ndjson");
        Files.writeString(trace, """
                {"ts": 0, "conversationId": "c", "agentId": "a"}
                {"ts": 300, "conversationId": "c", "agentId": "a"}
                {"ts": 600, "conversationId": "c", "agentId": "a"}
                """);
        // agent-api's only On: 3000 + 250 + 1000 ms, plus the slack of a budget 2/300 full (the On and the
        // conversation's lookup before it): (60000 - 4250) * sqrt(2/300) = 4552 ms
        long onlyOn = 8802;
        for (String dialect : new String[] {"seed", "agent-api"}) {
            List<JsonNode> out = run(
                    "tune", "--dedup", "500ms..500ms", "--expiry", "3s..3s", "--dialect", dialect, trace.toString());
            assertThat(out).hasSize(2);
            JsonNode point = out.get(0);
            boolean seed = dialect.equals("seed");
            assertThat(point.path("payloads").asLong()).isEqualTo(3);
            assertThat(point.path("guestVisibleTypingMs").asLong()).as(dialect).isEqualTo(seed ? 3600 : onlyOn);
            assertThat(point.path("staleTypingMs").asLong()).as(dialect).isEqualTo(seed ? 1000 : onlyOn - 2600);
            assertThat(point.path("blindTypingMs").asLong()).as(dialect).isZero();
            assertThat(point.path("requests").asLong()).as(dialect).isEqualTo(seed ? 3 : 2);
        }
    }

    @Test
    void sweepsTheGridAndRecommendsAPointWithinTheBudget() throws IOException {
        List<JsonNode> out = run("tune", "--steps", "3", "--budget", "400", "samples/concurrent-50.ndjson");
        assertThat(out).hasSize(10);
        List<JsonNode> points = out.subList(0, 9);
        assertThat(points)
                .extracting(p -> p.path("dedupWindowMs").asLong())
                .containsExactly(250L, 250L, 250L, 1100L, 1100L, 1100L, 5000L, 5000L, 5000L);
        assertThat(points)
                .extracting(p -> p.path("expiryMs").asLong())
                .containsExactly(1000L, 3200L, 10000L, 1000L, 3200L, 10000L, 1000L, 3200L, 10000L);
        // the plan keeps every point within the budget
        assertThat(points)
                .allSatisfy(p ->
                        assertThat(p.path("peakRequestsPerMinute").asLong()).isLessThanOrEqualTo(400));
        JsonNode summary = out.get(9);
        assertThat(summary.path("event").asText()).isEqualTo("tune_summary");
        assertThat(summary.path("fitsBudget").asBoolean()).isTrue();
        long bestCost = summary.path("staleTypingMs").asLong()
                + summary.path("blindTypingMs").asLong();
        for (JsonNode p : points) {
            if (p.path("fitsBudget").asBoolean()) {
                assertThat(p.path("staleTypingMs").asLong()
                                + p.path("blindTypingMs").asLong())
                        .isGreaterThanOrEqualTo(bestCost);
            }
        }
    }

    @Test
    void whenTheMessagesAloneExceedTheBudgetNoPointFitsStderrSaysWhyAndRequireFitExits1() throws IOException {
        // 100 messages within a minute: the plan sends every one, so no setting gets under 50
        CliRun run = CliRun.run("tune", "--budget", "50", "samples/concurrent-50.ndjson");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err())
                .contains("gctyping: warning: no point of the grid (--dedup 250ms..5000ms --expiry 1000ms..10000ms "
                        + "--steps 5) fits the budget of 50 requests a minute: the lowest peak is ")
                .contains("the agents' messages alone peak at 100 a minute");
        JsonNode summary = JSON.readTree(run.outLines().get(run.outLines().size() - 1));
        assertThat(summary.path("fitsBudget").asBoolean()).isFalse();
        assertThat(summary.path("points").asInt())
                .as("no grid is widened in vain")
                .isEqualTo(25);

        CliRun required = CliRun.run("tune", "--budget", "50", "--require-fit", "samples/concurrent-50.ndjson");
        assertThat(required.exitCode()).as(required.toString()).isEqualTo(ExitCodes.ASSERTION_FAILED);
        assertThat(required.outLines()).as("the points are printed either way").hasSize(26);
    }

    @Test
    void theDefaultGridWidensUntilPointsFitAndSaysSo() throws IOException {
        // seed: every payload is a frame, and the default grid's longest dedup window still sends too many
        CliRun run = CliRun.run("tune", "--dialect", "seed", "--require-fit", "samples/concurrent-50.ndjson");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err())
                .containsPattern(
                        "gctyping: no point of the default grid fits the budget of 300 requests a minute; "
                                + "widened it to --dedup 250ms\\.\\.\\d+ms --expiry 1000ms\\.\\.\\d+ms --steps \\d+: \\d+ of \\d+ points fit")
                .doesNotContain("warning");
        List<JsonNode> out = new ArrayList<>();
        for (String line : run.outLines()) {
            out.add(JSON.readTree(line));
        }
        JsonNode summary = out.get(out.size() - 1);
        assertThat(summary.path("fitsBudget").asBoolean()).isTrue();
        assertThat(summary.path("points").asInt()).isGreaterThan(25).isEqualTo(out.size() - 1);
        assertThat(out.subList(0, out.size() - 1))
                .as("the grid's first values stay: it grows towards longer windows and expiries")
                .extracting(p -> p.path("dedupWindowMs").asLong())
                .contains(250L, 530L, 1100L, 2400L, 5000L);
    }

    @Test
    void rangesTheUserChoseAreNotWidened() {
        CliRun run = CliRun.run(
                "tune",
                "--dialect",
                "seed",
                "--dedup",
                "500ms..4s",
                "--expiry",
                "2s..8s",
                "--steps",
                "4",
                "--require-fit",
                "samples/concurrent-50.ndjson");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ASSERTION_FAILED);
        assertThat(run.outLines()).hasSize(17);
        assertThat(run.err())
                .contains("no point of the grid (--dedup 500ms..4000ms --expiry 2000ms..8000ms --steps 4) fits the "
                        + "budget of 300 requests a minute")
                .contains("try longer --dedup and --expiry ranges or a higher --budget.");
    }

    @Test
    void badLinesStopTheSweepOrAreSkippedAndCounted() throws IOException {
        Path trace = dir.resolve("bad.ndjson");
        Files.writeString(trace, """
                {"ts": 0, "conversationId": "c", "agentId": "a"}
                {"ts": 300, "conversationId": "c"}
                {"ts": 600, "conversationId": "c", "agentId": "a"}
                """);
        CliRun failed = CliRun.run("tune", trace.toString());
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(failed.err()).contains(trace + ":2: missing field \"agentId\"");
        assertThat(failed.outLines()).as("nothing half-reported").isEmpty();

        List<JsonNode> out = run("tune", "--skip-invalid", "--steps", "1", trace.toString());
        JsonNode summary = out.get(out.size() - 1);
        assertThat(summary.path("events").asLong()).isEqualTo(2);
        assertThat(summary.path("invalidLines").asLong()).isEqualTo(1);
    }

    @Test
    void aTraceThatChangesItsOwnSettingsIsRefusedNamingTheLine() throws IOException {
        Path trace = dir.resolve("recorded.ndjson");
        Files.writeString(trace, """
                {"ts": 0, "event": "settings", "dedupWindowMs": 500, "expiryMs": 3000}
                {"ts": 0, "conversationId": "c", "agentId": "a"}
                """);
        CliRun refused = CliRun.run("tune", trace.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(refused.err())
                .contains(trace + ":1: the trace changes the engine's settings, which tune sweeps itself;"
                        + " remove its \"settings\" lines to tune it");
        assertThat(refused.outLines()).isEmpty();
    }

    @Test
    void badRangesAreUsageErrors() {
        assertThat(CliRun.run("tune", "--dedup", "5s", "samples/transfer.ndjson")
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.run("tune", "--expiry", "5s..1s", "samples/transfer.ndjson")
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.run("tune", "--dialect", "smoke-signals", "samples/transfer.ndjson")
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }
}
