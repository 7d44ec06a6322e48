package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gctyping.app.Environment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path trace(String content) throws IOException {
        Path path = dir.resolve("t.ndjson");
        Files.writeString(path, content);
        return path;
    }

    private static final String WORKED_EXAMPLE = """
            {"ts": 1764000000000, "conversationId": "c1", "agentId": "a1"}
            {"ts": 1764000000300, "conversationId": "c1", "agentId": "a1"}
            {"ts": 1764000000600, "conversationId": "c1", "agentId": "a1"}
            {"ts": 1764000010000, "conversationId": "c1", "agentId": "a1"}
            {"ts": 1764000010400, "conversationId": "c1", "agentId": "a1", "event": "send"}
            {"ts": 1764000010500, "conversationId": "b0", "agentId": "z9", "event": "blur"}
            """;

    @Test
    void printsTheExactPayloadStreamThenSortedMetricsThenTheSummary() throws IOException {
        CliRun run = CliRun.run(
                "replay",
                "--dry-run",
                "--print-payloads",
                "--dialect",
                "seed",
                trace(WORKED_EXAMPLE).toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.subList(0, 5))
                .containsExactly(
                        "{\"type\":\"typing\",\"conversationId\":\"c1\",\"senderId\":\"a1\",\"timestamp\":\"2025-11-24T16:00:00.000Z\",\"state\":\"active\"}",
                        "{\"type\":\"typing\",\"conversationId\":\"c1\",\"senderId\":\"a1\",\"timestamp\":\"2025-11-24T16:00:00.600Z\",\"state\":\"active\"}",
                        "{\"type\":\"typing\",\"conversationId\":\"c1\",\"senderId\":\"a1\",\"timestamp\":\"2025-11-24T16:00:03.600Z\",\"state\":\"inactive\"}",
                        "{\"type\":\"typing\",\"conversationId\":\"c1\",\"senderId\":\"a1\",\"timestamp\":\"2025-11-24T16:00:10.000Z\",\"state\":\"active\"}",
                        "{\"type\":\"typing\",\"conversationId\":\"c1\",\"senderId\":\"a1\",\"timestamp\":\"2025-11-24T16:00:10.400Z\",\"state\":\"inactive\"}");
        assertThat(lines).hasSize(8);

        JsonNode idle = JSON.readTree(lines.get(5));
        assertThat(idle.path("conversationId").asText())
                .as("sorted by conversationId")
                .isEqualTo("b0");
        assertThat(idle.path("metrics").path("estimatedWPM").asDouble())
                .as("no division by zero")
                .isZero();

        JsonNode record = JSON.readTree(lines.get(6));
        assertThat(record.path("event").asText()).isEqualTo("agent_typing_engagement");
        JsonNode m = record.path("metrics");
        assertThat(m.path("totalKeystrokes").asLong()).isEqualTo(4);
        assertThat(m.path("suppressedKeystrokes").asLong()).isEqualTo(1);
        assertThat(m.path("activeSent").asLong()).isEqualTo(3);
        assertThat(m.path("inactiveSent").asLong()).isEqualTo(2);
        assertThat(m.path("messagesSent").asLong()).isEqualTo(1);
        assertThat(m.path("typingMs").asLong()).isEqualTo(3600 + 400);
        assertThat(m.path("estimatedWPM").asDouble()).isEqualTo(12.0); // (4/5) / (4000/60000)
        assertThat(m.path("composeMsMax").asLong()).isEqualTo(10_400);
        assertThat(m.path("bursts").asLong()).isEqualTo(2);

        JsonNode summary = JSON.readTree(lines.get(7));
        assertThat(summary.path("event").asText()).isEqualTo("replay_summary");
        assertThat(summary.path("files").asLong()).isEqualTo(1);
        assertThat(summary.path("events").asLong()).isEqualTo(6);
        assertThat(summary.path("keystrokes").asLong()).isEqualTo(4);
        assertThat(summary.path("payloads").asLong()).isEqualTo(5);
        assertThat(summary.path("conversations").asLong()).isEqualTo(2);
        assertThat(summary.has("elapsedMs")).isTrue();
        assertThat(summary.has("eventsPerSecond")).isTrue();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void optionsChangeTheWindowAndExpiry() throws IOException {
        CliRun run = CliRun.run(
                "replay",
                "--dry-run",
                "--print-payloads",
                "--dialect",
                "seed",
                "--dedup-window",
                "250ms",
                "--expiry",
                "1s",
                trace(WORKED_EXAMPLE).toString());
        assertThat(run.outLines().subList(0, 4))
                .extracting(
                        line -> JSON.readTree(line).path("timestamp").asText().substring(17))
                .containsExactly("00.000Z", "00.300Z", "00.600Z", "01.600Z");
    }

    @Test
    void withoutPrintPayloadsStdoutHasOnlyMetricsAndSummary() throws IOException {
        CliRun run = CliRun.run("replay", "--dry-run", trace(WORKED_EXAMPLE).toString());
        assertThat(run.outLines())
                .hasSize(3)
                .allSatisfy(line -> assertThat(JSON.readTree(line).has("event")).isTrue());
    }

    @Test
    void aBadLineExits65WithFileLineReasonAndNoMetrics() throws IOException {
        Path bad = trace(WORKED_EXAMPLE
                + "{\"ts\": 1764000020000, \"conversationId\": \"c1\", \"agentId\": \"a1\", \"event\": \"type\"}\n");
        CliRun run = CliRun.run("replay", "--dry-run", bad.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip())
                .isEqualTo(bad + ":7: unknown event \"type\" (expected keystroke, send, blur or settings)");
    }

    @Test
    void skipInvalidCountsAndReportsBadLines() throws IOException {
        Path bad =
                trace("garbage\n" + WORKED_EXAMPLE + "{\"ts\": 1, \"conversationId\": \"c1\", \"agentId\": \"a1\"}\n");
        CliRun run = CliRun.run("replay", "--dry-run", "--skip-invalid", bad.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode summary = JSON.readTree(run.outLines().get(run.outLines().size() - 1));
        assertThat(summary.path("invalidLines").asLong()).isEqualTo(2);
        assertThat(summary.path("events").asLong()).isEqualTo(6);
        assertThat(run.err().lines())
                .containsExactly(
                        bad + ":1: not a JSON object (skipped)",
                        bad
                                + ":8: timestamp 1 goes backwards (previous event: 1764000010500); a file's events must be in time order (skipped)");
    }

    @Test
    void aMissingFileExits66BeforeReadingAnything() throws IOException {
        CliRun run = CliRun.run(
                "replay",
                "--dry-run",
                trace(WORKED_EXAMPLE).toString(),
                dir.resolve("missing.ndjson").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("missing.ndjson: no such file");
    }

    @Test
    void anUnwritableJUnitReportExits73BeforeReplaying() throws IOException {
        Path notADirectory = trace(WORKED_EXAMPLE);
        CliRun run = CliRun.run(
                "replay",
                "--speed",
                "max",
                "--junit",
                notADirectory.resolve("report.xml").toString(),
                notADirectory.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CANT_CREATE);
        assertThat(run.out()).as("nothing replayed").isEmpty();
        assertThat(run.err().strip())
                .isEqualTo("gctyping: cannot write " + notADirectory.resolve("report.xml") + ": " + notADirectory
                        + " is not a directory");
    }

    @Test
    void usageErrorsExit2() {
        assertThat(CliRun.run("replay", "--dry-run").exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun badDuration = CliRun.run("replay", "--dry-run", "--expiry", "soon", "x.ndjson");
        assertThat(badDuration.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badDuration.err()).contains("'soon' is not a duration");
        assertThat(CliRun.run("replay", "--dry-run", "--bogus", "x").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void readsStdinWhenTheFileIsADash() {
        CommandLine cli = GcTypingCommand.commandLine(Environment.system()
                .withStdin(new ByteArrayInputStream(WORKED_EXAMPLE.getBytes(StandardCharsets.UTF_8))));
        CliRun run = CliRun.run(cli, "replay", "--dry-run", "-");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.outLines()).hasSize(3);
    }

    @Test
    void everySampleReplaysCleanly() throws IOException {
        try (var samples = Files.list(Path.of("samples"))) {
            for (Path sample :
                    samples.filter(p -> !p.toString().endsWith(".md")).toList()) {
                CliRun run = CliRun.run("replay", "--dry-run", sample.toString());
                assertThat(run.exitCode()).as(sample + ": " + run).isZero();
                JsonNode summary =
                        JSON.readTree(run.outLines().get(run.outLines().size() - 1));
                assertThat(summary.path("invalidLines").asLong()).isZero();
                assertThat(summary.path("payloads").asLong()).isPositive();
            }
        }
    }

    @Test
    void csvAndNdjsonFormsOfASampleGiveTheSameMetrics() {
        List<String> fromJson =
                CliRun.run("replay", "--dry-run", "samples/single-agent.ndjson").outLines();
        List<String> fromCsv =
                CliRun.run("replay", "--dry-run", "samples/single-agent.csv").outLines();
        assertThat(fromCsv.get(0)).isEqualTo(fromJson.get(0));
    }

    @Test
    void aQueueThatHoldsNothingIsAUsageError() {
        CliRun run = CliRun.run("replay", "--speed", "max", "--queue-size", "0", "samples/transfer.ndjson");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--queue-size must be at least 1");
        assertThat(run.out()).isEmpty();
    }
}
