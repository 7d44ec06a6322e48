package dev.gctyping.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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

    private final String server = "gctyping-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @Test
    void theLivePromptEmitsActiveThenInactiveAfterTheExpiry(@TempDir Path home) throws Exception {
        assumeTrue(tmuxInstalled(), "tmux is not installed: skipping the end-to-end prompt test (.ci/run installs it)");
        assertThat(JAR).as("the jar built by package").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "env -u GCTYPING_HOME HOME='" + home + "' '" + java + "' -jar '" + JAR.toAbsolutePath()
                + "' shell --dialect seed --dedup-window 10s --expiry 2s";
        try {
            tmux("new-session", "-d", "-s", "s", "-x", "120", "-y", "30", command);
            String started = awaitPane(pane -> pane.contains("gctyping> "), START_UP);
            assertThat(started).doesNotContain(ACTIVE);

            tmux("send-keys", "-t", "s", "hello");
            String expired = awaitPane(pane -> pane.contains(INACTIVE), EXPIRY_AND_SLACK);

            assertThat(expired.indexOf(ACTIVE))
                    .as("active is shown before inactive")
                    .isNotNegative()
                    .isLessThan(expired.indexOf(INACTIVE));
            // the same capture: the status bar never lags behind the payloads it summarises
            assertThat(expired).contains("idle · conv-shell · keys 5 · suppressed 4 · active 1 · inactive 1");

            tmux("send-keys", "-t", "s", "C-u", "C-d");
            awaitExit(EXPIRY_AND_SLACK);
            assertThat(home.resolve(".gctyping/history"))
                    .as("the prompt history, under the user's home")
                    .exists();
        } finally {
            run(List.of("tmux", "-L", server, "kill-server"));
        }
    }

    /** Captures the pane (wrapped lines joined) until {@code done} holds; fails with the last capture after {@code timeout}. */
    private String awaitPane(Predicate<String> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String pane = "";
        while (System.nanoTime() < deadline) {
            pane = tmux("capture-pane", "-p", "-J", "-t", "s");
            if (done.test(pane)) {
                return pane;
            }
            Thread.sleep(100); // polling a condition, with a deadline
        }
        throw new AssertionError("timed out after " + timeout + "; the pane shows:\n" + pane);
    }

    /** The session ends when the shell's process exits (no thread keeps the JVM alive). */
    private void awaitExit(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (run(List.of("tmux", "-L", server, "has-session", "-t", "s")).exitCode != 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the shell did not exit within " + timeout + " after Ctrl-D");
    }

    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", server));
        command.addAll(List.of(args));
        Result result = run(command);
        assertThat(result.exitCode)
                .as(String.join(" ", command) + ": " + result.output)
                .isZero();
        return result.output;
    }

    private static boolean tmuxInstalled() {
        try {
            return run(List.of("tmux", "-V")).exitCode == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }
}
