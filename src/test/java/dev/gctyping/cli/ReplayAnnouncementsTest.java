package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.app.Environment;
import dev.gctyping.support.LogCapture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a replay over the wire says before it starts (issue 12, items 8 and 17). */
class ReplayAnnouncementsTest {
    private static final String TEN_SECONDS = """
            {"ts": 1764000000000, "conversationId": "c1", "agentId": "a1"}
            {"ts": 1764000010000, "conversationId": "c1", "agentId": "a1", "event": "send"}
            """;
    private static final String PACE_HINT = "; --speed max replays as fast as the target allows";

    @TempDir
    Path dir;

    private CliRun run(InputStream stdin, String... args) {
        return CliRun.run(GcTypingCommand.commandLine(new Environment(dir, Map.of(), stdin, Clock.systemUTC())), args);
    }

    @Test
    void aPacedReplaySaysHowLongItWillTakeBeforeItStarts() throws IOException {
        Path trace = dir.resolve("ten.ndjson");
        Files.writeString(trace, TEN_SECONDS);
        CliRun run;
        List<String> logs;
        try (LogCapture capture = new LogCapture()) {
            run = run(InputStream.nullInputStream(), "replay", "--speed", "100", trace.toString());
            logs = capture.messages();
        }

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String pace = "replaying 10 s of trace time at speed 100 (about 0.1 s)" + PACE_HINT;
        assertThat(logs).contains(pace);
        assertThat(logs.indexOf(pace))
                .as("said once the target is up, before the replay")
                .isGreaterThan(indexOfFirst(logs, "simulator listening"))
                .isLessThan(indexOfFirst(logs, "simulator stopped"));
    }

    @Test
    void fromStdinTheSpanIsUnknownButThePaceIsSaid() {
        CliRun run;
        List<String> logs;
        try (LogCapture capture = new LogCapture()) {
            run = run(
                    new ByteArrayInputStream(TEN_SECONDS.getBytes(StandardCharsets.UTF_8)),
                    "replay",
                    "--speed",
                    "100",
                    "-");
            logs = capture.messages();
        }

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(logs).contains("replaying at speed 100: as long as the trace lasts, read as it comes" + PACE_HINT);
    }

    @Test
    void atFullSpeedThereIsNothingToSay() throws IOException {
        Path trace = dir.resolve("ten.ndjson");
        Files.writeString(trace, TEN_SECONDS);
        List<String> logs;
        try (LogCapture capture = new LogCapture()) {
            assertThat(run(InputStream.nullInputStream(), "replay", "--speed", "max", trace.toString())
                            .exitCode())
                    .isZero();
            logs = capture.messages();
        }
        assertThat(logs).noneMatch(message -> message.startsWith("replaying"));
    }

    @Test
    void aMissingFileOverTheWireExits66BeforeTheSimulatorStarts() throws IOException {
        Path trace = dir.resolve("ten.ndjson");
        Files.writeString(trace, TEN_SECONDS);
        CliRun run;
        List<String> logs;
        try (LogCapture capture = new LogCapture()) {
            run = run(
                    InputStream.nullInputStream(),
                    "replay",
                    trace.toString(),
                    dir.resolve("missing.ndjson").toString());
            logs = capture.messages();
        }

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(run.err().strip())
                .isEqualTo("gctyping: cannot read " + dir.resolve("missing.ndjson") + ": no such file");
        assertThat(logs).as("no simulator was started").isEmpty();
    }

    private static int indexOfFirst(List<String> logs, String prefix) {
        for (int i = 0; i < logs.size(); i++) {
            if (logs.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no log line starts with '" + prefix + "': " + logs);
    }
}
