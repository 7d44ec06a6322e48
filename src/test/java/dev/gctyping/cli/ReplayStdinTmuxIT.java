package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gctyping.support.Tmux;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** End to end, in a real terminal (tmux): {@code replay -} on a terminal says it reads stdin, and how to end it. */
class ReplayStdinTmuxIT {
    private static final Path JAR = Path.of("target/gctyping.jar");
    private static final Duration START_UP = Duration.ofSeconds(30);

    @Test
    void readingTheTerminalIsSaidAndCtrlDEndsIt() throws Exception {
        assumeTrue(Tmux.installed(), "tmux is not installed: skipping the terminal test (.ci/run installs it)");
        assertThat(JAR).as("the jar built by package").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the shell stays after the replay exits, so its last screen can be read
        String command =
                "'" + java + "' -jar '" + JAR.toAbsolutePath() + "' replay --dry-run -; echo \"exit=$?\"; sleep 60";
        try (Tmux tmux = Tmux.start(command, 120, 30)) {
            tmux.awaitPane(pane -> pane.contains("gctyping: reading the trace from stdin (the terminal)"), START_UP);

            tmux.sendKeys("{\"ts\": 1764000000000, \"conversationId\": \"c1\", \"agentId\": \"a1\"}", "Enter", "C-d");
            String done = tmux.awaitPane(pane -> pane.contains("exit="), START_UP);

            assertThat(done).contains("Ctrl-D at the start of a line to end it");
            assertThat(done).contains("exit=0").contains("\"event\":\"agent_typing_engagement\"");
        }
    }

    /**
     * Nothing typed yet, then Ctrl-C: the replay stops and still prints its summary (incomplete). It used
     * to sit in the first read of stdin, which no interrupt ends, until the shutdown hook gave up on it
     * 10 s later, and printed nothing.
     */
    @Test
    void ctrlCBeforeTheFirstLineStopsTheReplayWithItsSummary() throws Exception {
        assumeTrue(Tmux.installed(), "tmux is not installed: skipping the terminal test (.ci/run installs it)");
        assertThat(JAR).as("the jar built by package").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // without CI in the environment, so the progress line shows that the replay runs (and Ctrl-C is its to handle)
        String command = "env -u CI '" + java + "' -jar '" + JAR.toAbsolutePath()
                + "' replay --dry-run -; echo \"exit=$?\"; sleep 60";
        try (Tmux tmux = Tmux.start(command, 160, 30)) {
            tmux.awaitPane(pane -> pane.contains("replay: 0 events"), START_UP);

            tmux.sendKeys("C-c");
            String done = tmux.awaitPane(pane -> pane.contains("exit="), START_UP);

            assertThat(done)
                    .contains("exit=130")
                    .contains("\"event\":\"replay_summary\"")
                    .contains("\"complete\":false");
        }
    }
}
