package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gctyping.app.Environment;
import dev.gctyping.simulator.Simulator;
import dev.gctyping.simulator.SimulatorConfig;
import dev.gctyping.support.LogCapture;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Run(int exitCode, String out, String err) {}

    private static Run run(Map<String, String> environment, String... args) {
        CommandLine cli = GcTypingCommand.commandLine(new Environment(
                Path.of("/nonexistent"), environment, InputStream.nullInputStream(), Clock.systemUTC()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void printsTheReadyLineThenTheReportLine() throws Exception {
        Run run = run(Map.of(), "simulate", "--port", "0", "--exit-after", "1s");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode ready = MAPPER.readTree(lines[0]);
        assertThat(ready.get("event").asText()).isEqualTo("simulator_ready");
        assertThat(ready.get("httpUrl").asText()).startsWith("http://127.0.0.1:");
        assertThat(ready.get("wsUrl").asText()).startsWith("ws://127.0.0.1:");
        assertThat(ready.get("clientId").asText()).isEqualTo("gctyping-sim");
        JsonNode report = MAPPER.readTree(lines[1]);
        assertThat(report.get("event").asText()).isEqualTo("simulator_report");
        assertThat(report.get("conversations").isArray()).isTrue();
        assertThat(report.get("faultCounts").get("drops").asInt()).isZero();
    }

    @Test
    void aTakenPortMeansServiceUnavailable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = run(Map.of(), "simulate", "--port", Integer.toString(taken.getLocalPort()), "--exit-after", "1s");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("cannot start the simulator");
        }
    }

    @Test
    void aTakenSocketPortIsOneLineNamingItWithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                LogCapture capture = new LogCapture()) {
            Run run = run(
                    Map.of(), "simulate", "--ws-port", Integer.toString(taken.getLocalPort()), "--exit-after", "1s");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.err())
                    .contains("cannot start the simulator: cannot listen for WebSockets on 127.0.0.1:"
                            + taken.getLocalPort() + ": Address already in use");
            assertThat(capture.messages()).noneMatch(message -> message.contains("Address already in use"));
        }
    }

    @Test
    void theFinalReportHasTheSharedSpaceThenEachRunOnce() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults())) {
            for (int i = 0; i < 2; i++) { // each replay names a run of its own
                CliRun replay = CliRun.run(
                        GcTypingCommand.commandLine(new Environment(
                                Path.of("/nonexistent"), Map.of(), InputStream.nullInputStream(), Clock.systemUTC())),
                        "replay",
                        "--quiet",
                        "--speed",
                        "max",
                        "--target",
                        simulator.httpUri().toString(),
                        "samples/single-agent.ndjson");
                assertThat(replay.exitCode()).as(replay.toString()).isZero();
            }
            StringWriter out = new StringWriter();
            SimulateCommand.printReport(simulator, new PrintWriter(out));

            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.toString().split("\n")) {
                lines.add(MAPPER.readTree(line));
            }
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0).get("run").isNull()).isTrue();
            assertThat(lines.subList(1, 3))
                    .extracting(line -> line.get("run").asText())
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(simulator.runs());
        }
    }

    @Test
    void aBadFaultIsAUsageErrorNamingTheValidFaults() {
        Run run = run(Map.of(), "simulate", "--fault", "explode=1", "--exit-after", "1s");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("explode").contains("drop-every");
    }

    @Test
    void theSecretFromTheEnvironmentIsNeverPrinted() {
        String secret = "very-secret-value-123";
        Run run;
        List<String> logs;
        try (LogCapture capture = new LogCapture()) {
            run = run(
                    Map.of("MY_SECRET", secret),
                    "simulate",
                    "--client-id",
                    "me",
                    "--client-secret-env",
                    "MY_SECRET",
                    "--exit-after",
                    "1ms");
            logs = capture.messages();
        }

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("\"clientId\":\"me\"").doesNotContain(secret);
        assertThat(run.err()).doesNotContain(secret);
        assertThat(logs).isNotEmpty().noneMatch(line -> line.contains(secret));
    }
}
