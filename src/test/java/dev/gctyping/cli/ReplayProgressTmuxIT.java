package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gctyping.support.Tmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar's progress line over the wire, in a real terminal (tmux), stdout going to a file. */
class ReplayProgressTmuxIT {
    private static final Path JAR = Path.of("target/gctyping.jar");
    private static final Duration START_UP_AND_FIRST_ACK = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(30);
    /** Stopped early at speed 1: the share is of the trace's span replayed (the input was all read at once). */
    private static final Pattern ACKNOWLEDGED = Pattern.compile(
            "replay: +\\d{1,2}% .*, [\\d.]+ of 46\\.1 s of trace time · [1-9][\\d,]* sent, [1-9][\\d,]* acknowledged");

    @Test
    void aPacedReplayOverTheWireShowsItsSendsAndAcknowledgementsUntilCtrlC(@TempDir Path home) throws Exception {
        assumeTrue(
                Tmux.installed(), "tmux is not installed: skipping the terminal progress test (.ci/run installs it)");
        assertThat(JAR).as("the jar built by package").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = home.resolve("out.ndjson");
        // transfer.ndjson lasts 46 s of trace time at --speed 1; the shell stays to show how it ended.
        // Without CI in the environment: CI logs get no progress line, and this is a terminal's test
        String command = "env -u GCTYPING_HOME -u CI HOME='" + home + "' '" + java + "' -jar '" + JAR.toAbsolutePath()
                + "' replay samples/transfer.ndjson > '" + out + "'; echo \"exit $?\"; sleep 600";
        try (Tmux tmux = Tmux.start(command, 200, 30)) {
            tmux.awaitPane(pane -> ACKNOWLEDGED.matcher(pane).find(), START_UP_AND_FIRST_ACK);

            tmux.sendKeys("C-c");
            String ended = tmux.awaitPane(pane -> pane.contains("exit 130"), STOP);

            assertThat(ended)
                    .as("the progress line stays, showing where the replay ended")
                    .containsPattern(ACKNOWLEDGED);
            assertThat(Files.readString(out))
                    .as("stdout carries the records gathered so far, and only them")
                    .contains("\"complete\":false")
                    .doesNotContain("replay: ");
        }
    }
}
