package dev.gctyping.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gctyping.engine.EngineSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandDispatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> records = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final ManualClock clock = new ManualClock(1000);
    private final LiveSession session =
            new LiveSession(new EngineSettings(500, 60_000), "c1", "a1", clock, (agent, signal, at) -> {});
    private final CommandDispatcher commands =
            new CommandDispatcher(session, ShellOutput.of(records::add, messages::add));

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void stateIsOneJsonRecordWithTheCountdown() throws Exception {
        session.keystroke("a");
        clock.set(1400);

        assertThat(commands.dispatch(":state")).isEqualTo(CommandDispatcher.Next.CONTINUE);

        assertThat(records).hasSize(1);
        JsonNode state = JSON.readTree(records.get(0));
        assertThat(state.path("event").asText()).isEqualTo("state");
        assertThat(state.path("state").asText()).isEqualTo("typing");
        assertThat(state.path("expiresInMs").asLong()).isEqualTo(59_600);
        assertThat(state.path("keystrokes").asLong()).isEqualTo(1);
        assertThat(state.path("conversationId").asText()).isEqualTo("c1");
        assertThat(messages).isEmpty();
    }

    @Test
    void metricsPrintsTheEngagementRecords() throws Exception {
        session.keystroke("a");
        commands.dispatch(":metrics");
        assertThat(records).hasSize(1);
        assertThat(JSON.readTree(records.get(0)).path("event").asText()).isEqualTo("agent_typing_engagement");
    }

    @Test
    void setChangesTheDedupWindowAndTheExpiry() {
        commands.dispatch(":set dedup 250ms");
        commands.dispatch(":set expiry 5s");
        assertThat(session.snapshot().settings()).isEqualTo(new EngineSettings(250, 5000));
        assertThat(messages)
                .containsExactly(
                        "dedup window is now 250ms", "expiry is now 5000ms (a run already typing keeps its deadline)");
    }

    @Test
    void aBadSetChangesNothing() {
        commands.dispatch(":set dedup soon");
        commands.dispatch(":set colour blue");
        assertThat(session.snapshot().settings()).isEqualTo(new EngineSettings(500, 60_000));
        assertThat(messages).hasSize(2).allSatisfy(m -> assertThat(m).containsAnyOf("not a duration", "usage: :set"));
    }

    @Test
    void aSetWithoutAUnitChangesNothingAndShowsTheUnits() {
        commands.dispatch(":set expiry 3");
        assertThat(session.snapshot().settings()).isEqualTo(new EngineSettings(500, 60_000));
        assertThat(messages).containsExactly("'3' has no unit: write 3s or 3000ms (units: ms, s, m, h)");
    }

    @Test
    void anUnknownCommandOnlySaysSo() {
        Snapshot before = session.snapshot();
        assertThat(commands.dispatch(":frobnicate now")).isEqualTo(CommandDispatcher.Next.CONTINUE);
        assertThat(messages).containsExactly("unknown command :frobnicate (:help lists the commands)");
        assertThat(records).isEmpty();
        assertThat(session.snapshot()).isEqualTo(before);
    }

    @Test
    void conversationSwitches() {
        commands.dispatch(":conversation c2");
        assertThat(session.snapshot().conversationId()).isEqualTo("c2");
        commands.dispatch(":conversation");
        assertThat(messages).last().isEqualTo("usage: :conversation ID");
    }

    @Test
    void recordStartsAndStops(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.ndjson");
        commands.dispatch(":record " + file);
        session.keystroke("a");
        commands.dispatch(":record off");
        session.keystroke("b");
        session.snapshot();

        assertThat(Files.readAllLines(file))
                .extracting(line -> JSON.readTree(line).path("event").asText())
                .containsExactly("settings", "keystroke");
        assertThat(session.snapshot().recording()).isNull();
        assertThat(messages.get(1)).isEqualTo("recording stopped: " + file);
    }

    @Test
    void recordSaysHowToReplayAndASetSaysItIsRecorded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.ndjson");
        commands.dispatch(":record " + file);
        commands.dispatch(":set expiry 5s");
        assertThat(messages)
                .containsExactly(
                        "recording to " + file + " (replay it with: gctyping replay --dry-run " + file + ")",
                        "expiry is now 5000ms (a run already typing keeps its deadline); recorded in " + file);
        assertThat(Files.readAllLines(file))
                .extracting(line -> JSON.readTree(line).path("expiryMs").asLong())
                .containsExactly(60_000L, 5_000L);
    }

    @Test
    void aDoubleColonEscapesAMessageThatStartsWithAColon() {
        assertThat(CommandDispatcher.isCommand(":) smile")).isTrue();
        assertThat(CommandDispatcher.isCommand("::) smile")).isFalse();
        assertThat(CommandDispatcher.message("::) smile")).isEqualTo(":) smile");
        assertThat(CommandDispatcher.message("hi :)")).isEqualTo("hi :)");
        commands.dispatch(":help");
        assertThat(messages).singleElement().asString().contains("::TEXT");
    }

    @Test
    void recordIntoAMissingDirectoryIsReported(@TempDir Path dir) {
        commands.dispatch(":record " + dir.resolve("missing/t.ndjson"));
        assertThat(messages)
                .singleElement()
                .asString()
                .startsWith("cannot write ")
                .endsWith(": its directory does not exist");
        assertThat(session.snapshot().recording()).isNull();
    }

    @Test
    void guestSaysNoGuestIsAttached() {
        commands.dispatch(":guest");
        assertThat(messages).containsExactly(CommandDispatcher.NO_GUEST);
    }

    @Test
    void helpNamesEveryCommandAndQuitQuits() {
        commands.dispatch(":help");
        assertThat(messages).singleElement().asString().contains(CommandDispatcher.COMMANDS);
        assertThat(commands.dispatch(":quit")).isEqualTo(CommandDispatcher.Next.QUIT);
    }
}
