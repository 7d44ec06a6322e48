package dev.gctyping.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gctyping.cli.CliRun;
import dev.gctyping.engine.EngineSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live session on a hand-set clock with the real timer thread: a short expiry (150 ms) lets the
 * timer fire for real, and the hand-set clock decides what time the payloads carry.
 */
class LiveSessionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EngineSettings SETTINGS = new EngineSettings(500, 150);

    private final ManualClock clock = new ManualClock(1000);
    private final PayloadQueue view = new PayloadQueue();
    private final PayloadQueue transport = new PayloadQueue();
    private final LiveSession session = new LiveSession(SETTINGS, "c1", "a1", clock, view, transport);

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void inactiveFiresLiveAtTheDeadlineOfTheLastKeystroke() throws Exception {
        session.keystroke("h");
        assertThat(view.next()).isEqualTo("c1/a1 ACTIVE_START@1000");
        clock.set(1100);
        session.keystroke("i"); // suppressed (within W), but moves the deadline to 1250
        session.snapshot(); // the keystroke is in before the clock jumps past the old deadline
        clock.set(1300);

        assertThat(view.next()).isEqualTo("c1/a1 INACTIVE_EXPIRED@1250");
        Snapshot idle = session.snapshot();
        assertThat(idle.typing()).isFalse();
        assertThat(idle.keystrokes()).isEqualTo(2);
        assertThat(idle.suppressed()).isEqualTo(1);
        assertThat(view.drain()).isEmpty();
    }

    @Test
    void theViewOfAPayloadSeesAStateThatAlreadyCountsIt() throws Exception {
        java.util.concurrent.BlockingQueue<String> shown = new java.util.concurrent.LinkedBlockingQueue<>();
        LiveSession[] watched = new LiveSession[1];
        LiveSession live = new LiveSession(SETTINGS, "c2", "a2", clock, (agent, signal, at) -> {
            Snapshot status = watched[0].latest(); // what the status bar draws beside this payload
            shown.add(signal + ": keys " + status.keystrokes() + ", active " + status.activeSent() + ", inactive "
                    + status.inactiveSent());
        });
        watched[0] = live;
        try {
            live.keystroke("h");
            live.send("h");
            assertThat(List.of(shown.poll(10, TimeUnit.SECONDS), shown.poll(10, TimeUnit.SECONDS)))
                    .containsExactly(
                            "ACTIVE_START: keys 1, active 1, inactive 0",
                            "INACTIVE_SENT: keys 1, active 1, inactive 1");
        } finally {
            live.close();
        }
    }

    @Test
    void theWireGetsEveryPayloadTheViewGetsAndTheMessage() throws Exception {
        session.keystroke("h");
        session.send("h");
        assertThat(List.of(view.next(), view.next()))
                .containsExactly("c1/a1 ACTIVE_START@1000", "c1/a1 INACTIVE_SENT@1000");
        assertThat(List.of(transport.next(), transport.next(), transport.next()))
                .containsExactly("c1/a1 ACTIVE_START@1000", "c1/a1 INACTIVE_SENT@1000", "c1/a1 MESSAGE h@1000");
    }

    @Test
    void aClockReadingBehindTheEngineIsClampedToTheEnginesTime() throws Exception {
        session.keystroke("h");
        clock.set(1200);
        assertThat(view.next()).isEqualTo("c1/a1 ACTIVE_START@1000");
        assertThat(view.next()).isEqualTo("c1/a1 INACTIVE_EXPIRED@1150");
        clock.set(900); // a clock that stepped back must not make the engine throw
        session.keystroke("x");
        assertThat(view.next()).isEqualTo("c1/a1 ACTIVE_START@1200");
    }

    @Test
    void whenQuietCompletesOnceThePendingInactiveHasFired() throws Exception {
        session.keystroke("h");
        var quiet = session.whenQuiet();
        assertThat(view.next()).isEqualTo("c1/a1 ACTIVE_START@1000");
        assertThat(quiet).isNotDone();
        clock.set(2000);
        quiet.get(10, TimeUnit.SECONDS);
        assertThat(view.drain()).containsExactly("c1/a1 INACTIVE_EXPIRED@1150");
    }

    @Test
    void changedSettingsApplyToTheNextKeystrokes() throws Exception {
        session.expiry(40);
        session.dedupWindow(10);
        assertThat(session.snapshot().settings()).isEqualTo(new EngineSettings(10, 40));
        session.keystroke("a");
        clock.set(1020);
        session.keystroke("b"); // 20 ms >= W 10 ms: a refresh
        session.snapshot();
        clock.set(2000);
        assertThat(List.of(view.next(), view.next(), view.next()))
                .containsExactly("c1/a1 ACTIVE_START@1000", "c1/a1 ACTIVE_REFRESH@1020", "c1/a1 INACTIVE_EXPIRED@1060");
    }

    @Test
    void switchingConversationBlursTheOldOneAndTypesIntoTheNew() throws Exception {
        session.keystroke("a");
        clock.set(1010);
        session.conversation("c2");
        session.keystroke("b");
        assertThat(List.of(view.next(), view.next(), view.next()))
                .containsExactly("c1/a1 ACTIVE_START@1000", "c1/a1 INACTIVE_BLURRED@1010", "c2/a1 ACTIVE_START@1010");
        assertThat(session.snapshot().conversationId()).isEqualTo("c2");
    }

    @Test
    void closeBlursTheTypingAgentDropsLaterEventsAndMetricsStayReadable() throws Exception {
        session.keystroke("a");
        clock.set(1050);
        session.close();
        session.keystroke("late"); // the agent has left: dropped, not thrown

        assertThat(view.drain()).containsExactly("c1/a1 ACTIVE_START@1000", "c1/a1 INACTIVE_BLURRED@1050");
        assertThat(session.whenQuiet()).isDone();
        List<String> records = session.metricsRecords();
        assertThat(records).hasSize(1);
        JsonNode metrics = JSON.readTree(records.get(0)).path("metrics");
        assertThat(metrics.path("totalKeystrokes").asLong()).isEqualTo(1);
        assertThat(metrics.path("blurs").asLong()).isEqualTo(1);
        assertThat(metrics.path("typingMs").asLong()).isEqualTo(50);
    }

    @Test
    void aRecordingReplaysToTheSameMetrics(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("typed.ndjson");
        session.startRecording(trace);
        session.keystroke("h");
        clock.set(1040);
        session.keystroke("i");
        clock.set(1090);
        session.send("hi");
        assertThat(session.snapshot().recording()).isEqualTo(trace);
        assertThat(session.stopRecording()).isEqualTo(trace);
        session.keystroke("not recorded");

        List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        assertThat(lines)
                .extracting(line -> JSON.readTree(line).path("event").asText())
                .containsExactly("settings", "keystroke", "keystroke", "send");
        assertThat(JSON.readTree(lines.get(3)).path("text").asText()).isEqualTo("hi");

        CliRun replay =
                CliRun.run("replay", "--dry-run", "--dedup-window", "500ms", "--expiry", "150ms", trace.toString());
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        JsonNode replayed = JSON.readTree(replay.outLines().get(0)).path("metrics");
        assertThat(replayed.path("totalKeystrokes").asLong()).isEqualTo(2);
        assertThat(replayed.path("messagesSent").asLong()).isEqualTo(1);
        assertThat(replayed.path("typingMs").asLong()).isEqualTo(90);
    }

    @Test
    void aRecordingKeepsTheSettingsChangesAndReplaysToTheSamePayloadsUnderAnyReplaySettings(@TempDir Path dir)
            throws Exception {
        Path trace = dir.resolve("set.ndjson");
        session.startRecording(trace);
        session.keystroke("a");
        session.dedupWindow(10);
        clock.set(1020);
        session.keystroke("b"); // 20 ms >= the new W of 10 ms: a refresh
        session.expiry(40);
        clock.set(1025);
        session.keystroke("c"); // suppressed; the deadline follows the new E: 1065
        session.snapshot();
        clock.set(2000);
        assertThat(List.of(view.next(), view.next(), view.next()))
                .containsExactly("c1/a1 ACTIVE_START@1000", "c1/a1 ACTIVE_REFRESH@1020", "c1/a1 INACTIVE_EXPIRED@1065");
        session.stopRecording();
        JsonNode live = JSON.readTree(session.metricsRecords().get(0)).path("metrics");

        List<JsonNode> settings = new ArrayList<>();
        for (String line : Files.readAllLines(trace, StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            if (record.path("event").asText().equals("settings")) {
                settings.add(record);
            }
        }
        assertThat(settings)
                .extracting(line -> line.path("ts").asLong() + " "
                        + line.path("dedupWindowMs").asLong() + " "
                        + line.path("expiryMs").asLong())
                .containsExactly("1000 500 150", "1000 10 150", "1020 10 40");

        // the replay's own settings are overridden from the first line on
        CliRun replay = CliRun.run("replay", "--dry-run", "--dedup-window", "2s", "--expiry", "10s", trace.toString());
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        JsonNode replayed = JSON.readTree(replay.outLines().get(0)).path("metrics");
        assertThat(replayed).isEqualTo(live);
        assertThat(replayed.path("activeSent").asLong()).isEqualTo(2);
        assertThat(replayed.path("typingMs").asLong()).isEqualTo(65);
    }
}
