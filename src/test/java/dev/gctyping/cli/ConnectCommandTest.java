package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.app.Environment;
import dev.gctyping.client.Backoff;
import dev.gctyping.client.OAuthClient;
import dev.gctyping.client.PlatformApi;
import dev.gctyping.client.RetryingHttp;
import dev.gctyping.client.SocketSettings;
import dev.gctyping.client.Target;
import dev.gctyping.client.TargetConfig;
import dev.gctyping.protocol.SimulatorApi;
import dev.gctyping.simulator.FaultPlan;
import dev.gctyping.simulator.Simulator;
import dev.gctyping.simulator.SimulatorConfig;
import dev.gctyping.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code connect} as a pipe, in-process, against a simulator on ephemeral loopback ports. */
class ConnectCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path home;

    private Simulator simulator;
    private Session session;

    @AfterEach
    void stop() throws Exception {
        if (session != null) {
            session.stdin.close();
            session.exitCode.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    /** A running {@code connect}: its stdin, its stdout as lines, its stderr, its exit code to come. */
    private record Session(
            PipedOutputStream stdin,
            BlockingQueue<String> out,
            List<JsonNode> skipped,
            StringWriter err,
            CompletableFuture<Integer> exitCode) {
        void send(String line) throws IOException {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        /** The first record, skipped earlier or still to come, that matches; records from two threads may interleave. */
        JsonNode next(Predicate<JsonNode> wanted) throws Exception {
            for (JsonNode record : skipped) {
                if (wanted.test(record)) {
                    skipped.remove(record);
                    return record;
                }
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String line = out.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line != null) {
                    JsonNode record = Json.MAPPER.readTree(line);
                    if (wanted.test(record)) {
                        return record;
                    }
                    skipped.add(record);
                }
            }
            throw new AssertionError("no matching record within " + WAIT + "; stderr: " + err);
        }
    }

    private Session connect(String... args) throws IOException {
        PipedOutputStream stdin = new PipedOutputStream();
        CommandLine cli = GcTypingCommand.commandLine(
                new Environment(home, Map.of(), new PipedInputStream(stdin), Clock.systemUTC()));
        ConnectCommand connect = cli.getSubcommands().get("connect").getCommand();
        connect.socketSettings =
                new SocketSettings(new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), () -> 0.5), 5, 0);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new LineWriter(lines), true)).setErr(new PrintWriter(err, true));
        String[] full = Stream.concat(Stream.of("connect"), Stream.of(args)).toArray(String[]::new);
        session = new Session(
                stdin, lines, new ArrayList<>(), err, CompletableFuture.supplyAsync(() -> cli.execute(full)));
        return session;
    }

    private String startSimulator(String... faults) throws IOException {
        simulator = Simulator.start(SimulatorConfig.defaults().withFaults(FaultPlan.parse(List.of(faults), 3)));
        return simulator.httpUri().toString();
    }

    private static Predicate<JsonNode> event(String name) {
        return record -> record.path("event").asText().equals(name);
    }

    /** The echo of a sent line (a reply may be printed before it: the echo follows a successful send). */
    private static Predicate<JsonNode> frameOut() {
        return record ->
                event("frame").test(record) && record.path("direction").asText().equals("out");
    }

    private static Predicate<JsonNode> frameIn(String field, String value) {
        return record -> event("frame").test(record)
                && record.path("direction").asText().equals("in")
                && record.path("frame").path(field).asText().equals(value);
    }

    @Test
    void seedSocketPipeSendsValidLinesReportsBadOnesAndEndsCleanlyAtEof() throws Exception {
        Session run = connect("--target", startSimulator(), "conv-1");
        assertThat(run.next(event("open")).path("connection").asInt()).isEqualTo(1);

        run.send("this is not json");
        run.send("{\"type\":\"typing\",\"conversationId\":\"conv-1\",\"senderId\":\"a1\","
                + "\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"state\":\"active\"}");

        JsonNode out = run.next(frameOut());
        assertThat(out.path("at").asText()).endsWith("Z");
        assertThat(out.path("frame").path("state").asText()).isEqualTo("active");
        assertThat(run.next(frameIn("type", "ack"))
                        .path("frame")
                        .path("senderId")
                        .asText())
                .isEqualTo("a1");
        assertThat(run.err().toString()).contains("stdin line 1 is not JSON, not sent");

        run.stdin().close();
        assertThat(run.exitCode().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
        assertThat(simulator
                        .report()
                        .conversation("conv-1")
                        .orElseThrow()
                        .sender("a1")
                        .orElseThrow()
                        .typingPayloads())
                .isEqualTo(1);
    }

    @Test
    void aDroppedSocketPrintsAReconnectRecordAndReopens() throws Exception {
        Session run = connect("--target", startSimulator("drop-every=1"), "conv-2");
        run.next(event("open"));
        run.send("{\"type\":\"typing\",\"conversationId\":\"conv-2\",\"senderId\":\"a1\","
                + "\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"state\":\"active\"}");

        JsonNode reconnect = run.next(event("reconnect"));
        assertThat(reconnect.path("attempt").asInt()).isEqualTo(1);
        assertThat(reconnect.path("closeCode").asInt()).isEqualTo(1006);
        assertThat(run.next(event("open")).path("connection").asInt()).isEqualTo(2);
    }

    @Test
    void guestSeesWhatABrowserWould() throws Exception {
        String url = startSimulator();
        Session run = connect("--target", url, "--guest", "--deployment-id", "demo", "--conversation", "conv-3");
        JsonNode session = run.next(frameIn("class", "SessionResponse"));
        assertThat(session.path("frame").path("body").path("conversationId").asText())
                .isEqualTo("conv-3");

        Target target = Target.simulator(
                simulator.httpUri(),
                simulator.wsUri(),
                SimulatorApi.DEFAULT_CLIENT_ID,
                SimulatorApi.DEFAULT_CLIENT_SECRET);
        RetryingHttp http = RetryingHttp.standard();
        PlatformApi api = new PlatformApi(new OAuthClient(target, http, Clock.systemUTC(), null), http);
        api.sendTyping(
                "conv-3", api.conversation("conv-3").agentCommunicationId().orElseThrow(), 5000, 0);

        JsonNode typing = run.next(frameIn("class", "StructuredMessage"));
        assertThat(typing.path("frame")
                        .path("body")
                        .path("events")
                        .get(0)
                        .path("typing")
                        .path("type")
                        .asText())
                .isEqualTo("On");

        // typed without a token: the pipe fills in the session's own, and does not print it
        run.send("{\"action\":\"echo\",\"tracingId\":\"t-42\",\"message\":{\"type\":\"Text\",\"text\":\"ping\"}}");
        JsonNode sent = run.next(frameOut());
        assertThat(sent.path("frame").has("token")).isFalse();
        JsonNode echo = run.next(frameIn("tracingId", "t-42"));
        assertThat(echo.path("frame").path("class").asText()).isEqualTo("StructuredMessage");
        assertThat(echo.path("frame").path("body").path("text").asText()).isEqualTo("ping");

        // the guest's own typing comes back Inbound: what an agent sees as "customer is typing"
        run.send("{\"action\":\"onMessage\",\"tracingId\":\"t-43\",\"message\":{\"type\":\"Event\","
                + "\"events\":[{\"eventType\":\"Typing\",\"typing\":{\"type\":\"On\"}}]}}");
        JsonNode ownTyping =
                run.next(frameIn("tracingId", "t-43")).path("frame").path("body");
        assertThat(ownTyping.path("direction").asText()).isEqualTo("Inbound");
        assertThat(ownTyping.path("events").get(0).path("typing").path("type").asText())
                .isEqualTo("On");
    }

    @Test
    void usageMistakes() throws Exception {
        CliRun noId = CliRun.run("connect");
        assertThat(noId.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noId.err()).contains("Missing CONVERSATION_ID");
        CliRun guestWithoutDeployment = CliRun.run("connect", "--guest");
        assertThat(guestWithoutDeployment.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(guestWithoutDeployment.err()).contains("--guest needs --deployment-id");
    }

    @Test
    void theSeedSocketIsRefusedAgainstGenesysCloudBeforeAnyNetwork() throws Exception {
        CommandLine cli = GcTypingCommand.commandLine(new Environment(
                home,
                Map.of(TargetConfig.ENV_CLIENT_ID, "id", TargetConfig.ENV_CLIENT_SECRET, "s"),
                InputStream.nullInputStream(),
                Clock.systemUTC()));
        CliRun run = CliRun.run(cli, "connect", "--region", "eu-west-1", "conv-1");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err())
                .contains("only works against the gctyping simulator")
                .contains("connect --guest");
    }

    /** Collects complete lines as the command prints them. */
    private static final class LineWriter extends Writer {
        private final BlockingQueue<String> lines;
        private final StringBuilder partial = new StringBuilder();

        LineWriter(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (buffer[i] == '\n') {
                    lines.add(partial.toString());
                    partial.setLength(0);
                } else {
                    partial.append(buffer[i]);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
