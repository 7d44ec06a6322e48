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
        // keystrokes at 0, 300, 600 then nothing (protocol.md): composing [0, 2600), guest sees [0, 3600)
        Path trace = dir.resolve("worked.ndjson");
        Files.writeString(trace, """
                {"ts": 0, "conversationId": "c", "agentId": "a"}
                {"ts": 300, "conversationId": "c", "agentId": "a"}
                {"ts": 600, "conversationId": "c", "agentId": "a"}
                """);
        for (String dialect : new String[] {"seed", "agent-api"}) {
            List<JsonNode> out = run("tune", "--dedup", "500ms..500ms", "--expiry", "3s..3s", "--dialect", dialect, trace.toString());
            assertThat(out).hasSize(2);
            JsonNode point = out.get(0);
            assertThat(point.path("payloads").asLong()).isEqualTo(3);
            assertThat(point.path("guestVisibleTypingMs").asLong()).as(dialect).isEqualTo(3600);
            assertThat(point.path("staleTypingMs").asLong()).as(dialect).isEqualTo(1000);
            assertThat(point.path("blindTypingMs").asLong()).as(dialect).isZero();
            assertThat(point.path("requests").asLong()).as(dialect).isEqualTo(dialect.equals("seed") ? 3 : 2);
        }
    }

    @Test
    void sweepsTheGridAndRecommendsAPointWithinTheBudget() throws IOException {
        List<JsonNode> out = run("tune", "--steps", "3", "--budget", "400", "samples/concurrent-50.ndjson");
        assertThat(out).hasSize(10);
        List<JsonNode> points = out.subList(0, 9);
        assertThat(points).extracting(p -> p.path("dedupWindowMs").asLong()).containsExactly(250L, 250L, 250L, 1100L, 1100L, 1100L,
                5000L, 5000L, 5000L);
        assertThat(points).extracting(p -> p.path("expiryMs").asLong()).containsExactly(1000L, 3200L, 10000L, 1000L, 3200L, 10000L,
                1000L, 3200L, 10000L);
        // a longer dedup window never costs more requests for the same expiry
        for (int i = 0; i < 3; i++) {
            assertThat(points.get(i + 3).path("requests").asLong()).isLessThanOrEqualTo(points.get(i).path("requests").asLong());
        }
        JsonNode summary = out.get(9);
        assertThat(summary.path("event").asText()).isEqualTo("tune_summary");
        assertThat(summary.path("fitsBudget").asBoolean()).isTrue();
        long bestCost = summary.path("staleTypingMs").asLong() + summary.path("blindTypingMs").asLong();
        for (JsonNode p : points) {
            if (p.path("fitsBudget").asBoolean()) {
                assertThat(p.path("staleTypingMs").asLong() + p.path("blindTypingMs").asLong()).isGreaterThanOrEqualTo(bestCost);
            }
        }
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
    void badRangesAreUsageErrors() {
        assertThat(CliRun.run("tune", "--dedup", "5s", "samples/transfer.ndjson").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.run("tune", "--expiry", "5s..1s", "samples/transfer.ndjson").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.run("tune", "--dialect", "smoke-signals", "samples/transfer.ndjson").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
