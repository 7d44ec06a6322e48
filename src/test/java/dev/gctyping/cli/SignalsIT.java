package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Ctrl-C (SIGINT) or {@code kill} (SIGTERM) sent to the built jar in the middle of a run
 * that would go on for minutes: over the wire under faults that keep it retrying, and a dry run whose
 * input is still streaming. The process must exit 130 (143 for SIGTERM) at once, with the records
 * gathered so far on stdout, valid NDJSON saying {@code "complete":false}, and no internal error.
 *
 * <p>"At once" is checked as {@link #STOPS_WITHIN}: the promise is about a second, and an unloaded
 * machine takes a fraction of one; 5 s leaves room for a CI machine shared by other builds (cold
 * class loading then takes a second on its own) while still proving that the stop waits for none of
 * the replay's own clocks: the 2 s settle report, a retry's backoff (up to 60 s), an HTTP request's
 * timeout (10 s) or the 10 s the shutdown hook gives the work to flush. Each run waits for a state
 * showing it is under way (a line on stderr, input consumed) before the signal, never for a moment.
 * Runs in {@code verify} (maven-failsafe), after {@code package} built the jar.
 */
class SignalsIT {
    private static final Path JAR = Path.of("target/gctyping.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STOPS_WITHIN = Duration.ofSeconds(5);
    /** Generous: a JVM start and a replay of the trace at full speed on a loaded machine. */
    private static final Duration UNDER_WAY_WITHIN = Duration.ofMinutes(2);
    /** What the replay says on stderr while it waits for its last sends (retries, backoff, reconnects). */
    private static final Predicate<String> SETTLING = line -> line.contains("waiting for ") && line.contains("send(s)");

    private static final int SIGINT = 2;
    private static final int SIGTERM = 15;

    @TempDir
    Path dir;

    private Process process;
    private CompletableFuture<Void> stderrRead;
    private final List<String> stderr = new ArrayList<>();

    @BeforeEach
    void jarIsBuilt() {
        assertThat(JAR).as("the jar built by package").exists();
    }

    @AfterEach
    void noProcessOutlivesItsTest() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void ctrlCStopsAnAgentApiReplayRetryingThroughErrorsAndLatency() throws Exception {
        Path trace = conversations(200);
        start(
                "replay",
                "--speed",
                "max",
                "--assert",
                "--fault",
                "api-5xx-rate=0.2",
                "--fault",
                "api-429-rate=0.3",
                "--fault",
                "latency=200ms",
                trace.toString());
        awaitStderr(SETTLING);

        assertStopsWithRecordsSoFar(SIGINT, 130, "agent-api");
    }

    @Test
    void sigtermStopsItToo() throws Exception {
        Path trace = conversations(200);
        start("replay", "--speed", "max", "--fault", "api-5xx-rate=0.2", "--fault", "latency=200ms", trace.toString());
        awaitStderr(SETTLING);

        assertStopsWithRecordsSoFar(SIGTERM, 143, "agent-api");
    }

    @Test
    void ctrlCStopsASeedReplayThroughDropsExpiringTokensAndLatency() throws Exception {
        Path trace = conversations(200);
        start(
                "replay",
                "--dialect",
                "seed",
                "--speed",
                "max",
                "--assert",
                "--fault",
                "drop-every=3",
                "--fault",
                "token-expire-after=300ms",
                "--fault",
                "latency=200ms",
                trace.toString());
        awaitStderr(SETTLING);

        assertStopsWithRecordsSoFar(SIGINT, 130, "seed");
    }

    /**
     * The trace streams in on stdin and stalls, as {@code zcat huge.gz | gctyping replay --dry-run -}
     * does when zcat is slow: the reader is then blocked in a read no interrupt ends.
     */
    @Test
    void ctrlCStopsADryRunWhoseInputIsStillStreaming() throws Exception {
        start("replay", "--dry-run", "-");
        // a pipe holds 64 KiB and the replay buffers a few MB: once 16 MB went in, the replay is running
        try (OutputStream stdin = process.getOutputStream()) {
            long written = 0;
            SplittableRandom random = new SplittableRandom(5);
            long ts = 1_764_000_000_000L;
            StringBuilder chunk = new StringBuilder();
            while (written < 16 << 20) {
                chunk.setLength(0);
                for (int i = 0; i < 1000; i++) {
                    ts += random.nextInt(1, 40);
                    int conversation = random.nextInt(500);
                    chunk.append("{\"ts\":")
                            .append(ts)
                            .append(",\"conversationId\":\"c")
                            .append(conversation)
                            .append("\",\"agentId\":\"a")
                            .append(conversation % 50)
                            .append("\"}\n");
                }
                byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
                stdin.write(bytes);
                written += bytes.length;
            }
            stdin.flush();

            List<JsonNode> records = assertStopsWithRecordsSoFar(SIGINT, 130, null);
            assertThat(records.get(records.size() - 1).path("events").asLong())
                    .as("events replayed before the signal")
                    .isPositive();
        }
    }

    /** Starts the jar with a home of its own and no credentials, so the target is an embedded simulator. */
    private void start(String... args) throws IOException {
        List<String> command = new ArrayList<>(unignoringSigint());
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + dir,
                "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.ndjson").toFile());
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("GCTYPING_") || name.startsWith("GENESYSCLOUD_"));
        process = builder.start();
        stderrRead = CompletableFuture.runAsync(this::collectStderr);
    }

    /**
     * A process started in the background by a non-interactive shell ignores SIGINT, and so does
     * every child it starts (the JVM then installs no handler for it): such a test run starts the jar
     * through GNU env, which restores the default.
     */
    private static List<String> unignoringSigint() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:")
                        && (Long.parseLong(line.substring(7).trim(), 16) & (1L << (SIGINT - 1))) != 0) {
                    return List.of("env", "--default-signal=INT");
                }
            }
        }
        return List.of();
    }

    private void collectStderr() {
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                synchronized (stderr) {
                    stderr.add(line);
                    stderr.notifyAll();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until stderr has a line that shows the run is under way; fails if the process ends first. */
    private void awaitStderr(Predicate<String> underWay) throws InterruptedException {
        long deadline = System.nanoTime() + UNDER_WAY_WITHIN.toNanos();
        synchronized (stderr) {
            while (stderr.stream().noneMatch(underWay)) {
                long left = deadline - System.nanoTime();
                assertThat(left > 0 && process.isAlive())
                        .as(
                                "the run got under way (alive: %s), stderr:%n%s",
                                process.isAlive(), String.join("\n", stderr))
                        .isTrue();
                TimeUnit.NANOSECONDS.timedWait(stderr, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
        }
    }

    /**
     * Signals the process and checks it stops in time with the records so far.
     *
     * @param dialect the dialect the summary names, or null for a dry run
     * @return the records, the summary last
     */
    private List<JsonNode> assertStopsWithRecordsSoFar(int signal, int exitCode, String dialect) throws Exception {
        assertThat(process.isAlive()).as("still running when signalled").isTrue();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).as("kill").isZero();

        assertThat(process.waitFor(STOPS_WITHIN.toMillis(), TimeUnit.MILLISECONDS))
                .as("stopped within %s of signal %d", STOPS_WITHIN, signal)
                .isTrue();
        stderrRead.get(STOPS_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        String err;
        synchronized (stderr) {
            err = String.join("\n", stderr);
        }
        assertThat(process.exitValue()).as(err).isEqualTo(exitCode);
        assertThat(err).doesNotContain("internal error").doesNotContain("Exception");

        List<String> lines = Files.readAllLines(dir.resolve("stdout.ndjson"));
        assertThat(lines).as("records and a summary").hasSizeGreaterThanOrEqualTo(2);
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines) {
            records.add(JSON.readTree(line));
        }
        JsonNode summary = records.get(records.size() - 1);
        assertThat(summary.path("event").asText()).isEqualTo("replay_summary");
        assertThat(summary.path("complete").isBoolean()).as(summary.toString()).isTrue();
        assertThat(summary.path("complete").asBoolean()).isFalse();
        List<JsonNode> agents = records.subList(0, records.size() - 1);
        assertThat(agents)
                .allSatisfy(record -> assertThat(record.path("event").asText()).isEqualTo("agent_typing_engagement"));
        if (dialect != null) {
            assertThat(summary.path("dialect").asText()).isEqualTo(dialect);
            assertThat(agents)
                    .allSatisfy(record -> assertThat(
                                    record.path("metrics").path("complete").asBoolean(true))
                            .as(record.toString())
                            .isFalse());
        }
        return records;
    }

    /** A trace of {@code count} conversations, each agent typing ten messages of fifteen keystrokes. */
    private Path conversations(int count) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        List<long[]> events = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            long ts = 1_764_000_000_000L + c * 50L;
            for (int message = 0; message < 10; message++) {
                for (int key = 0; key < 15; key++) {
                    ts += random.nextInt(80, 250);
                    events.add(new long[] {ts, c, 0});
                }
                ts += 100;
                events.add(new long[] {ts, c, 1});
                ts += random.nextInt(2000, 6000);
            }
        }
        events.sort((a, b) -> Long.compare(a[0], b[0]));
        StringBuilder trace = new StringBuilder();
        for (long[] e : events) {
            trace.append("{\"ts\":")
                    .append(e[0])
                    .append(",\"conversationId\":\"conv-")
                    .append(e[1])
                    .append("\",\"agentId\":\"agent-")
                    .append(e[1] % 40)
                    .append("\",\"event\":\"")
                    .append(e[2] == 0 ? "keystroke" : "send")
                    .append("\"}\n");
        }
        Path path = dir.resolve("conversations-" + count + ".ndjson");
        Files.writeString(path, trace);
        return path;
    }
}
