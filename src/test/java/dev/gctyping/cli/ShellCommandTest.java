package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gctyping.app.Environment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gctyping shell} in piped mode, through CommandLine.execute, on the real clock. */
class ShellCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HOME = createHome();

    private static Path createHome() {
        try {
            Path home = Files.createTempDirectory("gctyping-shell-test");
            home.toFile().deleteOnExit();
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CliRun shell(String stdin, String... args) {
        // never the real ~/.gctyping or GENESYSCLOUD_* variables: the embedded simulator
        CommandLine cli = GcTypingCommand.commandLine(new Environment(
                HOME, Map.of(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Clock.systemUTC()));
        List<String> all = new ArrayList<>(List.of("shell", "--batch", "--cadence", "1ms"));
        all.addAll(List.of(args));
        return CliRun.run(cli, all.toArray(String[]::new));
    }

    @Test
    void payloadsTravelToTheSimulatorsGuestWhoseViewIsShown() throws Exception {
        CliRun run = shell("ok\n", "--dedup-window", "1m", "--expiry", "2s", "--agent", "agent-7");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> guestSaw = new ArrayList<>();
        for (String line : run.outLines()) {
            JsonNode node = JSON.readTree(line);
            if (node.path("event").asText().equals("guest_frame")) {
                guestSaw.add(node.path("summary").asText());
                assertThat(node.path("frame").path("class").asText()).isEqualTo("StructuredMessage");
            }
        }
        // agent-api's On: the 2 s expiry, the 250 ms lead and the slack of a budget 2/300 full, the On and the
        // conversation's lookup (docs/agent-api-plan.md): 3250 + (60000 - 3250) * sqrt(2/300) = 7884 ms
        assertThat(guestSaw).containsExactly("Typing On 7884ms", "Text \"ok\" (Outbound)");
    }

    @Test
    void dryRunSendsNothingAndHasNoGuest() throws Exception {
        CliRun run = shell("ok\n:guest\n", "--dry-run", "--expiry", "1s");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).doesNotContain("guest_frame");
        assertThat(run.err()).contains("no guest is attached").doesNotContain("simulator listening");
    }

    @Test
    void pipedStdoutIsPureNdjsonWithActiveThenInactive() throws Exception {
        // W of a minute: no refresh however slow the machine; E of 1 s: the unsent "ab" expires live at the end
        CliRun run = shell(
                "hi\n:state\nab", "--dialect", "seed", "--dedup-window", "1m", "--expiry", "1s", "--agent", "agent-7");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.outLines()) {
            JsonNode record = JSON.readTree(line); // throws if any stdout line is not JSON
            // the guest's frames arrive from another thread, anywhere among the lines the session writes
            if (!record.path("event").asText().equals("guest_frame")) {
                lines.add(record);
            }
        }
        assertThat(lines).allSatisfy(line -> assertThat(line.isObject()).isTrue());
        assertThat(lines)
                .filteredOn(
                        line -> line.has("state") && line.path("type").asText().equals("typing"))
                .extracting(line -> line.path("state").asText())
                .containsExactly("active", "inactive", "active", "inactive");
        assertThat(lines.get(0).path("senderId").asText()).isEqualTo("agent-7");
        assertThat(lines.get(2).path("event").asText()).isEqualTo("state");
        assertThat(lines.get(2).path("messagesSent").asLong()).isEqualTo(1);

        JsonNode metrics = lines.get(lines.size() - 1);
        assertThat(metrics.path("event").asText()).isEqualTo("agent_typing_engagement");
        assertThat(metrics.path("conversationId").asText()).isEqualTo("conv-shell");
        assertThat(metrics.path("metrics").path("totalKeystrokes").asLong()).isEqualTo(4);
        assertThat(metrics.path("metrics").path("messagesSent").asLong()).isEqualTo(1);
        assertThat(metrics.path("metrics").path("expiries").asLong())
                .as("the last run ended by expiry")
                .isEqualTo(1);
        assertThat(run.err()).contains("typing in conv-shell as agent-7");
    }

    @Test
    void commandMessagesGoToStderrAndQuitStopsReading() throws Exception {
        CliRun run = shell(":set expiry 2s\n:nope\n:quit\nnever typed\n");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("expiry is now 2000ms").contains("unknown command :nope");
        assertThat(run.outLines())
                .singleElement()
                .satisfies(line -> assertThat(JSON.readTree(line)
                                .path("metrics")
                                .path("totalKeystrokes")
                                .asLong())
                        .isZero());
    }

    @Test
    void recordOptionWritesTheTrace(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("typed.ndjson");
        CliRun run = shell("ok\n", "--record", trace.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Files.readAllLines(trace))
                .extracting(line -> JSON.readTree(line).path("event").asText())
                .containsExactly("settings", "keystroke", "keystroke", "send", "blur");
    }

    @Test
    void aPipedLineStartingWithADoubleColonIsTheMessageWithOneColon(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("typed.ndjson");
        CliRun run = shell("::) smile\n", "--dry-run", "--record", trace.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).doesNotContain("unknown command");
        List<String> lines = Files.readAllLines(trace);
        assertThat(lines)
                .filteredOn(line -> line.contains("\"send\""))
                .singleElement()
                .satisfies(send ->
                        assertThat(JSON.readTree(send).path("text").asText()).isEqualTo(":) smile"));
        assertThat(lines).filteredOn(line -> line.contains("\"keystroke\"")).hasSize(":) smile".length());
    }

    @Test
    void anUnwritableRecordFileIsExit73(@TempDir Path dir) {
        CliRun run =
                shell("ok\n", "--record", dir.resolve("missing/typed.ndjson").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CANT_CREATE);
        assertThat(run.err()).startsWith("gctyping: cannot write ");
        assertThat(run.out()).isEmpty();
    }
}
