package dev.gctyping.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A command running in a real terminal: a tmux session of its own server, typed into with
 * send-keys and read back with capture-pane. Closing it kills the server.
 */
public final class Tmux implements AutoCloseable {
    private final String server = "gctyping-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    private Tmux() {}

    public static boolean installed() {
        try {
            return run(List.of("tmux", "-V")).exitCode == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Starts {@code command} (a shell command line) in a detached session of the given size. */
    public static Tmux start(String command, int columns, int rows) throws Exception {
        Tmux tmux = new Tmux();
        tmux.tmux("new-session", "-d", "-s", "s", "-x", String.valueOf(columns), "-y", String.valueOf(rows), command);
        return tmux;
    }

    public void sendKeys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "s"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** Captures the pane (wrapped lines joined) until {@code done} holds; fails with the last capture after {@code timeout}. */
    public String awaitPane(Predicate<String> done, Duration timeout) throws Exception {
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

    /** The session ends when its command exits; fails after {@code timeout}. */
    public void awaitExit(Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (run(List.of("tmux", "-L", server, "has-session", "-t", "s")).exitCode != 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the command did not exit within " + timeout + " after " + what);
    }

    @Override
    public void close() throws Exception {
        run(List.of("tmux", "-L", server, "kill-server"));
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
