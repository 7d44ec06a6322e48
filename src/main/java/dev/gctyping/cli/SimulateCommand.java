package dev.gctyping.cli;

import dev.gctyping.simulator.FaultPlan;
import dev.gctyping.simulator.Simulator;
import dev.gctyping.simulator.SimulatorConfig;
import dev.gctyping.support.JsonLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gctyping simulate}: the embedded Genesys Cloud stand-in as a standalone server. */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Run a local Genesys Cloud stand-in (OAuth, Platform API, Guest API sockets) until Ctrl-C.",
        description = {
            "Listens on loopback: HTTP (POST /oauth/token, the agent typing and message endpoints,",
            "GET /api/v2/conversations/messages/{id}, the analytics details query, GET /sim/info and",
            "GET /sim/report) and WebSocket (/v1?deploymentId=… the Web Messaging Guest API, and the seed",
            "tutorial's /v1/conversations/{id}/websocket).",
            "",
            "stdout: one line {\"event\":\"simulator_ready\",\"httpUrl\":…,\"wsUrl\":…,\"clientId\":…} once both",
            "ports are bound; with --exit-after, one {\"event\":\"simulator_report\",…} line at the end.",
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

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "HTTP port on 127.0.0.1; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--ws-port", paramLabel = "PORT", defaultValue = "0",
            description = "WebSocket port on 127.0.0.1; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int wsPort;

    @Option(names = "--client-id", paramLabel = "ID", defaultValue = SimulatorConfig.DEFAULT_CLIENT_ID,
            description = "OAuth client id to accept. Default: ${DEFAULT-VALUE}.")
    String clientId;

    @Option(names = "--client-secret-env", paramLabel = "NAME", defaultValue = "GCTYPING_SIM_SECRET",
            description = "Environment variable holding the client secret to accept; when it is unset, the secret is '"
                    + SimulatorConfig.DEFAULT_CLIENT_SECRET + "'. Default: ${DEFAULT-VALUE}.")
    String secretVariable;

    @Option(names = "--token-ttl", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
            description = "Lifetime of issued tokens (expires_in). Default: ${DEFAULT-VALUE}.")
    long tokenTtlMs;

    @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "300",
            description = "Platform API requests per token per minute before 429. Default: ${DEFAULT-VALUE}.")
    int requestsPerMinute;

    @Option(names = "--fault", paramLabel = "SPEC",
            description = "Inject a fault (repeatable), e.g. token-429=3, api-5xx-rate=0.05, drop-every=50.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed for the random faults: the same seed and requests give the same faults."
                    + " Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--exit-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long and print the final report (for scripts and tests).")
    Long exitAfterMs;

    /** Reads environment variables; tests substitute it. */
    UnaryOperator<String> environment = System::getenv;

    @Override
    public Integer call() throws InterruptedException {
        SimulatorConfig config = config();
        Simulator simulator;
        try {
            simulator = Simulator.start(config);
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "cannot start the simulator: " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            PrintWriter out = spec.commandLine().getOut();
            out.println(JsonLine.object()
                    .field("event", "simulator_ready")
                    .field("httpUrl", simulator.httpUri().toString())
                    .field("wsUrl", simulator.wsUri().toString())
                    .field("clientId", config.clientId()));
            out.flush();
            spec.commandLine().getErr().println("gctyping: guest page: " + simulator.guestPageUri());
            spec.commandLine().getErr().flush();
            if (exitAfterMs == null) {
                stopped.await(); // until Ctrl-C: the shutdown hook closes the simulator
                return ExitCodes.INTERRUPTED;
            }
            if (!stopped.await(exitAfterMs, TimeUnit.MILLISECONDS)) {
                out.println(simulator.report().toJson("simulator_report"));
                out.flush();
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

    private SimulatorConfig config() {
        if (port < 0 || port > 65535 || wsPort < 0 || wsPort > 65535) {
            throw new ParameterException(spec.commandLine(), "ports must be between 0 and 65535");
        }
        if (requestsPerMinute < 1) {
            throw new ParameterException(spec.commandLine(), "--rate-limit must be at least 1");
        }
        FaultPlan plan;
        try {
            plan = FaultPlan.parse(faults, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String secret = environment.apply(secretVariable);
        if (secret == null || secret.isEmpty()) {
            // no static logger: picocli builds every command at start-up, and --help must not start logback
            LoggerFactory.getLogger(SimulateCommand.class).info("{} is not set: accepting the default client secret", secretVariable);
            secret = SimulatorConfig.DEFAULT_CLIENT_SECRET;
        }
        return SimulatorConfig.defaults()
                .withPorts(port, wsPort)
                .withCredentials(clientId, secret)
                .withTokenTtlSeconds(Math.max(1, (tokenTtlMs + 999) / 1000))
                .withRequestsPerMinute(requestsPerMinute)
                .withFaults(plan);
    }
}
