package dev.gctyping.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.dialect.Dialects;
import dev.gctyping.dialect.PlanSettings;
import dev.gctyping.dialect.PlannedWire;
import dev.gctyping.engine.EngineSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the JLine prompt in-process through a DumbTerminal on in-memory streams. */
class InteractiveShellTest {
    private static final String FOCUS_OUT = "\033[O";
    private static final String BACKSPACE = "\177";
    private static final String CLEAR_LINE = "\025"; // Ctrl-U

    private final ManualClock clock = new ManualClock(1000); // events all at 1000, so nothing expires
    private final PayloadQueue payloads = new PayloadQueue();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    /**
     * Runs the prompt on {@code keys} typed into a DumbTerminal of the given type; returns the session, still open.
     * Type "dumb" gets JLine's dumb key map, where Backspace, Tab and escape sequences are plain characters;
     * "xterm" gets the full key map on the same in-memory streams.
     */
    private LiveSession type(String terminalType, String keys, Path history) throws IOException {
        try (Terminal terminal = new DumbTerminal(
                "test",
                terminalType,
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)),
                screen,
                StandardCharsets.UTF_8)) {
            InteractiveShell shell = new InteractiveShell(terminal, history);
            // the seed dialect shows every payload, active and inactive, as its frame
            LiveSession session = new LiveSession(
                    new EngineSettings(500, 3_600_000),
                    "c1",
                    "a1",
                    clock,
                    payloads,
                    new PlannedWire(
                            Dialects.SEED.plan(PlanSettings.forExpiry(3_600_000)), shell.payloadView(Dialects.SEED)));
            shell.loop(session, new CommandDispatcher(session, shell.output()));
            session.snapshot(); // events typed last are still on the engine thread: let them reach the screen first
            return session;
        }
    }

    @Test
    void keysAreKeystrokesEnterSendsAndCommandsAreNotTyping(@TempDir Path dir) throws Exception {
        LiveSession session =
                type("dumb", "hi\n" + ":state\n" + "yo\n" + ":quit\n" + "ignored\n", dir.resolve("history"));
        try {
            Snapshot state = session.snapshot();
            assertThat(state.keystrokes())
                    .as("h i y o; neither the :commands nor what follows :quit")
                    .isEqualTo(4);
            assertThat(state.messagesSent()).isEqualTo(2);
            assertThat(payloads.drain())
                    .containsExactly(
                            "c1/a1 ACTIVE_START@1000",
                            "c1/a1 INACTIVE_SENT@1000",
                            "c1/a1 ACTIVE_START@1000",
                            "c1/a1 INACTIVE_SENT@1000");
            assertThat(screen.toString(StandardCharsets.UTF_8))
                    .contains("→ {\"type\":\"typing\",\"conversationId\":\"c1\",\"senderId\":\"a1\"")
                    .contains("\"state\":\"active\"}")
                    .contains("\"state\":\"inactive\"}")
                    .contains("{\"event\":\"state\",\"conversationId\":\"c1\",\"agentId\":\"a1\",\"state\":\"idle\"");
        } finally {
            session.close();
        }
    }

    @Test
    void aDoubleColonSendsAMessageStartingWithAColon(@TempDir Path dir) throws Exception {
        LiveSession session = type("dumb", "::)\n" + ":quit\n", dir.resolve("history"));
        try {
            assertThat(session.snapshot().keystrokes())
                    .as("the second ':' and ')', not the escape")
                    .isEqualTo(2);
            assertThat(session.snapshot().messagesSent()).isEqualTo(1);
            assertThat(payloads.drain()).containsExactly("c1/a1 ACTIVE_START@1000", "c1/a1 INACTIVE_SENT@1000");
        } finally {
            session.close();
        }
    }

    @Test
    void backspaceIsAKeystrokeAndFocusOutBlurs(@TempDir Path dir) throws Exception {
        LiveSession session =
                type("xterm", "cd" + BACKSPACE + FOCUS_OUT + CLEAR_LINE + ":quit\n", dir.resolve("history"));
        try {
            assertThat(session.snapshot().keystrokes()).as("c d Backspace").isEqualTo(3);
            assertThat(payloads.drain()).containsExactly("c1/a1 ACTIVE_START@1000", "c1/a1 INACTIVE_BLURRED@1000");
        } finally {
            session.close();
        }
    }

    @Test
    void tabCompletesCommands(@TempDir Path dir) throws Exception {
        LiveSession session = type("xterm", ":sta\t\n" + ":set ded\t250ms\n", dir.resolve("history"));
        try {
            assertThat(screen.toString(StandardCharsets.UTF_8)).contains("{\"event\":\"state\"");
            assertThat(session.snapshot().settings().dedupWindowMs()).isEqualTo(250);
            assertThat(session.snapshot().keystrokes()).isZero();
        } finally {
            session.close();
        }
    }

    @Test
    void historyIsKeptInAnOwnerOnlyFile(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("nested/history");
        type("dumb", "hello\n:state\n", history).close();
        assertThat(Files.readString(history)).contains("hello").contains(":state");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history)))
                .isEqualTo("rw-------");
    }
}
