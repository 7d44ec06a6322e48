package dev.gctyping.cli;

import dev.gctyping.app.Environment;
import dev.gctyping.app.Simulate;
import dev.gctyping.protocol.PlatformLimits;
import dev.gctyping.protocol.SimulatorApi;
import dev.gctyping.simulator.Fault;
import dev.gctyping.simulator.Simulator;
import dev.gctyping.support.JsonLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gctyping simulate}: the embedded Genesys Cloud stand-in as a standalone server. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Run a local Genesys Cloud stand-in (OAuth, Platform API, Guest API sockets) until Ctrl-C.",
        description = {
            "Listens on loopback: HTTP (POST /oauth/token, the agent typing and message endpoints,",
            "GET /api/v2/conversations/{id} and …/messages/{id}, the analytics details query, GET /sim/info,",
            "GET /sim/report, POST /sim/reset and POST /sim/conversations/{id}/agents) and WebSocket",
            "(/v1?deploymentId=… the Web Messaging Guest API, and the seed tutorial's /v1/conversations/{id}/websocket).",
            "",
            "Runs: a client that names a run (header Gctyping-Run, or ?run=ID on a socket URL; replay and",
            "smoke do) works in conversations of its own, and GET /sim/report?run=ID reports that run only,",
            "so checks against one long-running simulator never see each other. POST /sim/reset forgets",
            "every conversation (?run=ID: that run's); sockets in them are closed (1012) and reconnect.",
            "What nothing used for --idle-expiry is forgotten; the report counts it under \"expired\".",
            "",
            "stdout: one line {\"event\":\"simulator_ready\",\"httpUrl\":…,\"wsUrl\":…,\"clientId\":…} once both",
            "ports are bound; with --exit-after, {\"event\":\"simulator_report\",…} lines at the end: the shared",
            "space's, then one per run (\"run\":ID).",
            "Logs go to stderr. The client secret comes from an environment variable, never from a flag.",
            "",
            "Faults (--fault, repeatable; deterministic for a --seed):",
            "  token-429=N  api-429-rate=P  api-5xx-rate=P  latency=DURATION",
            "  drop-every=N|DURATION  token-expire-after=DURATION",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gctyping simulate",
            "  gctyping simulate --port 8080 --ws-port 8081 --fault drop-every=50 --fault api-429-rate=0.1",
            "  GCTYPING_SIM_SECRET=s3cret gctyping simulate --client-id my-client --token-ttl 10m",
            "  gctyping simulate --port 0 --exit-after 30s > sim.ndjson",
        })
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "0",
            description = "HTTP port on 127.0.0.1; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--ws-port",
            paramLabel = "PORT",
            defaultValue = "0",
            description = "WebSocket port on 127.0.0.1; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int wsPort;

    @Option(
            names = "--client-id",
            paramLabel = "ID",
            defaultValue = SimulatorApi.DEFAULT_CLIENT_ID,
            description = "OAuth client id to accept. Default: ${DEFAULT-VALUE}.")
    String clientId;

    @Option(
            names = "--client-secret-env",
            paramLabel = "NAME",
            description = "Environment variable holding the client secret to accept; it must be set. Without this "
                    + "option: " + Simulate.DEFAULT_SECRET_VARIABLE + ", and when that is unset the secret is '"
                    + SimulatorApi.DEFAULT_CLIENT_SECRET + "'.")
    String secretVariable;

    @Option(
            names = "--token-ttl",
            paramLabel = "DURATION",
            defaultValue = "24h",
            converter = DurationConverter.class,
            description = "Lifetime of issued tokens (expires_in). Default: ${DEFAULT-VALUE}.")
    long tokenTtlMs;

    @Option(
            names = "--rate-limit",
            paramLabel = "N",
            defaultValue = "" + PlatformLimits.REQUESTS_PER_MINUTE,
            description = "Platform API requests per token per minute before 429. Default: ${DEFAULT-VALUE}.")
    int requestsPerMinute;

    @Option(
            names = "--fault",
            paramLabel = "SPEC",
            completionCandidates = Fault.Candidates.class,
            description = "Inject a fault (repeatable): KEY=VALUE, see Faults below.")
    List<String> faults = new ArrayList<>();

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed for the random faults: the same seed and requests give the same faults."
                    + " Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--idle-expiry",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description = "Forget conversations, guest sessions and tokens nothing used for this long (sockets keep"
                    + " theirs). Default: ${DEFAULT-VALUE}.")
    long idleExpiryMs;

    @Option(
            names = "--exit-after",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Stop after this long and print the final report (for scripts and tests).")
    Long exitAfterMs;

    private final Environment environment;

    public SimulateCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535 || wsPort < 0 || wsPort > 65535) {
            throw new ParameterException(spec.commandLine(), "ports must be between 0 and 65535");
        }
        if (requestsPerMinute < 1) {
            throw new ParameterException(spec.commandLine(), "--rate-limit must be at least 1");
        }
        if (idleExpiryMs < 1) {
            throw new ParameterException(spec.commandLine(), "--idle-expiry must be above 0, e.g. 10m");
        }
        IgnoredOptions.of(spec).warn(faults.isEmpty(), "without --fault", "it seeds the faults", "--seed");
        Simulator simulator;
        try {
            simulator = new Simulate(environment)
                    .start(new Simulate.Request(
                            port,
                            wsPort,
                            clientId,
                            secretVariable,
                            tokenTtlMs,
                            requestsPerMinute,
                            idleExpiryMs,
                            faults,
                            seed));
        } catch (IllegalArgumentException badFault) {
            throw new ParameterException(spec.commandLine(), badFault.getMessage());
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "cannot start the simulator: " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(
                () -> {
                    simulator.close();
                    stopped.countDown();
                },
                "simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            PrintWriter out = spec.commandLine().getOut();
            out.println(JsonLine.object()
                    .field("event", "simulator_ready")
                    .field("httpUrl", simulator.httpUri().toString())
                    .field("wsUrl", simulator.wsUri().toString())
                    .field("clientId", clientId));
            out.flush();
            spec.commandLine().getErr().println("gctyping: guest page: " + simulator.guestPageUri());
            spec.commandLine().getErr().flush();
            if (exitAfterMs == null) {
                stopped.await(); // until Ctrl-C: the shutdown hook closes the simulator
                return ExitCodes.INTERRUPTED;
            }
            if (!stopped.await(exitAfterMs, TimeUnit.MILLISECONDS)) {
                printReport(simulator, out);
            }
            return ExitCodes.OK;
        } finally {
            simulator.close();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook runs (or ran) anyway
            }
        }
    }

    /** The final report: the shared space's line, then one line for each run. */
    static void printReport(Simulator simulator, PrintWriter out) {
        out.println(simulator.report().toJson("simulator_report"));
        simulator.runs().forEach(run -> out.println(simulator.report(run).toJson("simulator_report")));
        out.flush();
    }
}
