package dev.gctyping.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gctyping.support.Tmux;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the built jar's live prompt in a real terminal (tmux), typed into by send-keys and
 * read back by capture-pane. Runs in {@code verify} (maven-failsafe), after {@code package} built the jar.
 */
class ShellTmuxIT {
    private static final Path JAR = Path.of("target/gctyping.jar");
    private static final Duration START_UP = Duration.ofSeconds(30);
    private static final Duration EXPIRY_AND_SLACK = Duration.ofSeconds(15);
    private static final String ACTIVE = "\"state\":\"active\"}";
    private static final String INACTIVE = "\"state\":\"inactive\"}";

    @Test
    void theLivePromptEmitsActiveThenInactiveAfterTheExpiry(@TempDir Path home) throws Exception {
        assumeTrue(
                Tmux.installed(), "tmux is not installed: skipping the end-to-end prompt test (.ci/run installs it)");
        assertThat(JAR).as("the jar built by package").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "env -u GCTYPING_HOME HOME='" + home + "' '" + java + "' -jar '" + JAR.toAbsolutePath()
                + "' shell --dialect seed --dedup-window 10s --expiry 2s";
        try (Tmux tmux = Tmux.start(command, 120, 30)) {
            String started = tmux.awaitPane(pane -> pane.contains("gctyping> "), START_UP);
            assertThat(started).doesNotContain(ACTIVE);

            tmux.sendKeys("hello");
            String expired = tmux.awaitPane(pane -> pane.contains(INACTIVE), EXPIRY_AND_SLACK);

            assertThat(expired.indexOf(ACTIVE))
                    .as("active is shown before inactive")
                    .isNotNegative()
                    .isLessThan(expired.indexOf(INACTIVE));
            // the same capture: the status bar never lags behind the payloads it summarises
            assertThat(expired).contains("idle · conv-shell · keys 5 · suppressed 4 · active 1 · inactive 1");

            tmux.sendKeys("C-u", "C-d");
            tmux.awaitExit(EXPIRY_AND_SLACK, "Ctrl-D");
            assertThat(home.resolve(".gctyping/history"))
                    .as("the prompt history, under the user's home")
                    .exists();
        }
    }
}
