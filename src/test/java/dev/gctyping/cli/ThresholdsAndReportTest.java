package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.app.Environment;
import dev.gctyping.threshold.FigureNames;
import dev.gctyping.threshold.Figures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --threshold} and {@code --report} through the CLI, against the embedded simulator. */
class ThresholdsAndReportTest {
    private static final String SAMPLE = "samples/transfer.ndjson";

    @TempDir
    Path dir;

    /** Runs a command with an empty home and environment, so only the embedded simulator can be the target. */
    private CliRun run(String... args) {
        return CliRun.run(
                GcTypingCommand.commandLine(
                        new Environment(dir, Map.of(), InputStream.nullInputStream(), Clock.systemUTC())),
                args);
    }

    private static Figures figures(CliRun run) {
        List<String> lines = run.outLines();
        String summary = lines.stream()
                .filter(l -> l.contains("\"replay_summary\""))
                .findFirst()
                .orElseThrow();
        return Figures.fromRecords(
                summary,
                lines.stream()
                        .filter(l -> l.contains("\"agent_typing_engagement\""))
                        .toList());
    }

    private static void assertNames(Figures figures, FigureNames names) {
        assertThat(figures.summary().keySet()).containsExactlyInAnyOrderElementsOf(names.summary());
        Set<String> conversation = new TreeSet<>();
        figures.byConversation().values().forEach(f -> conversation.addAll(f.keySet()));
        assertThat(conversation).containsExactlyInAnyOrderElementsOf(names.conversation());
    }

    @Test
    void theFiguresAThresholdMayNameAreThoseReplaysPrint() {
        CliRun dry = run("replay", "--dry-run", "--quiet", SAMPLE);
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertNames(figures(dry), FigureNames.DRY_RUN);
        CliRun wire = run("replay", "--speed", "max", "--quiet", SAMPLE);
        assertThat(wire.exitCode()).as(wire.toString()).isZero();
        assertNames(figures(wire), FigureNames.OVER_THE_WIRE);
    }

    @Test
    void smokePassesWithThresholdsThatHold() throws IOException {
        Path junit = dir.resolve("smoke.xml");
        CliRun run = run(
                "smoke",
                "--quiet",
                "--threshold",
                "payloadsLost==0",
                "--threshold",
                "blindTypingShare<0.9",
                "--junit",
                junit.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err().strip())
                .endsWith("PASS: 2 thresholds met\nsmoke: PASS, 51 conversations, 0 lost, 2 thresholds met");
        assertThat(run.out())
                .contains("{\"event\":\"threshold\",\"threshold\":\"payloadsLost==0\",\"scope\":\"summary\","
                        + "\"figure\":\"payloadsLost\",\"passed\":true,\"value\":0");
        assertThat(Files.readString(junit))
                .contains("name=\"threshold payloadsLost==0\"", "name=\"threshold blindTypingShare&lt;0.9\"");
    }

    @Test
    void anImpossibleThresholdFailsNamingIt() throws IOException {
        Path junit = dir.resolve("replay.xml");
        CliRun run = run(
                "replay",
                "--speed",
                "max",
                "--quiet",
                "--threshold",
                "payloadsLost==0",
                "--threshold",
                "conversation.guestVisibleTypingMs<0",
                "--junit",
                junit.toString(),
                SAMPLE);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ASSERTION_FAILED);
        assertThat(run.err().strip())
                .endsWith("FAIL: threshold conversation.guestVisibleTypingMs<0 (1 of 1 conversations: "
                        + "conv-transfer-042 "
                        + figures(run)
                                .byConversation()
                                .get("conv-transfer-042")
                                .get("guestVisibleTypingMs")
                                .longValue()
                        + ") failed");
        assertThat(Files.readString(junit))
                .contains("<failure message=\"conversation.guestVisibleTypingMs&lt;0 (1 of 1");
    }

    @Test
    void aMalformedThresholdIsAUsageErrorBeforeAnythingRuns() {
        CliRun run = run("replay", "--speed", "max", "--threshold", "payloadsLost=>0", SAMPLE);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("threshold 'payloadsLost=>0'");
        CliRun dry = run("replay", "--dry-run", "--threshold", "payloadsLost==0", SAMPLE);
        assertThat(dry.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(dry.err()).contains("no figure named 'payloadsLost'", "Summary figures: files, events");
    }

    @Test
    void replayAndTuneWriteReports() throws IOException {
        Path dry = dir.resolve("reports/dry.html");
        CliRun replay = run("replay", "--dry-run", "--quiet", "--report", dry.toString(), SAMPLE);
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(Files.readString(dry)).contains("\"conv-transfer-042\",\"agent-first\"", "\"source\":\"modelled\"");
        Path tune = dir.resolve("tune.html");
        CliRun swept = CliRun.run("tune", "--quiet", "--steps", "2", "--report", tune.toString(), SAMPLE);
        assertThat(swept.exitCode()).as(swept.toString()).isZero();
        assertThat(Files.readString(tune)).contains("\"tune\":{\"budget\":300,\"cells\":[[250,1000,");
    }

    @Test
    void anUnwritableReportStopsTheReplayBeforeItStarts() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        CliRun run =
                run("replay", "--dry-run", "--report", file.resolve("r.html").toString(), SAMPLE);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CANT_CREATE);
        assertThat(run.out()).isEmpty();
    }
}
