package dev.gctyping.cli;

import dev.gctyping.client.OpenTarget;
import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.engine.Signal;
import dev.gctyping.engine.TypingEngine;
import dev.gctyping.engine.TypingListener;
import dev.gctyping.metrics.JUnitReport;
import dev.gctyping.metrics.MetricsExtension;
import dev.gctyping.protocol.Dialect;
import dev.gctyping.protocol.SeedPayload;
import dev.gctyping.report.RunReport;
import dev.gctyping.report.TimelineRecorder;
import dev.gctyping.threshold.FigureNames;
import dev.gctyping.replay.Pacer;
import dev.gctyping.replay.ReplayStats;
import dev.gctyping.replay.Replayer;
import dev.gctyping.replay.WireReplay;
import dev.gctyping.simulator.FaultPlan;
import dev.gctyping.simulator.SimulatorConfig;
import dev.gctyping.simulator.SimulatorReport;
import dev.gctyping.support.Json;
import dev.gctyping.support.JsonLine;
import dev.gctyping.trace.InvalidLinePolicy;
import dev.gctyping.trace.TraceMerger;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gctyping replay}: recorded keystrokes through the engine, metrics out. */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Replay keystroke traces through the typing engine, over the wire or dry, and report NDJSON metrics.",
        description = {
            "Reads one or more trace files (NDJSON, or CSV by .csv extension; gzip is detected), merges them by "
                + "timestamp and runs the dedup/expiry engine. With --dry-run it runs on the trace's own clock, as fast "
                + "as the machine allows, and sends nothing. Otherwise every payload goes over the chosen --dialect to the "
                + "target (default: an embedded simulator, said on stderr) at --speed times the trace's pace; against a "
                + "simulator, guests on the Guest API receive the typing and the simulator's report proves what they saw: "
                + "each record gains delivery figures (payloadsDelivered, payloadsLost, retries, rateLimited, reconnects, "
                + "refreshesSkippedForBudget) and the guest truth (guestVisibleTypingMs, staleTypingMs, blindTypingMs, "
                + "maxStaleMs), and the summary the end-to-end latency percentiles. Times are trace times at any speed.",
            "",
            "stdout: the payloads (with --print-payloads), then one agent_typing_engagement record per "
                + "(conversation, agent) sorted by conversationId then agentId, then one replay_summary record. "
                + "A bad line stops the replay (exit 65, FILE:LINE: reason on stderr) before any metrics are printed; "
                + "payloads already printed stay printed, since they stream.",
            "",
            "Trace line: {\"ts\":<epoch ms or ISO-8601>,\"conversationId\":\"…\",\"agentId\":\"…\","
                + "\"event\":\"keystroke|send|blur\"} (event defaults to keystroke; key, text and other fields are allowed).",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gctyping replay --dry-run samples/single-agent.ndjson",
            "  gctyping replay --speed max --assert samples/transfer.ndjson",
            "  gctyping replay --dialect seed --speed 4 --fault drop-every=50 --assert --junit target/replay.xml samples/*.ndjson",
            "  gctyping replay --dry-run --print-payloads --dedup-window 1s --expiry 5s samples/transfer.ndjson",
            "  zcat big.ndjson.gz | gctyping replay --dry-run -",
            "  gctyping replay --dry-run --skip-invalid --format csv recorded.csv",
        })
public final class ReplayCommand implements Callable<Integer> {
    /** Conversations that get a real guest on the Guest API (latency is sampled on them). */
    private static final int OBSERVING_GUESTS = 200;
    /** How long queued payloads may still take (retries back off up to a minute) before they count as lost. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    TargetOptions target;

    @Mixin
    TraceInputOptions input;

    @Option(names = "--dry-run", description = "Run the engine only: no network, virtual clock (the trace's timestamps).")
    boolean dryRun;

    @Mixin
    EngineOptions engine;

    @Option(names = "--print-payloads", description = "Print each payload's wire JSON on stdout, one per line, in emission order.")
    boolean printPayloads;

    @Option(names = "--speed", paramLabel = "X|max", defaultValue = "1",
            description = "Over the wire: replay at X times the trace's pace, or 'max' (as fast as the transport allows). "
                    + "Default: ${DEFAULT-VALUE}.")
    String speed;

    @Option(names = "--assert", description = "Exit 1 (one stderr line per violation) if a payload was lost, a guest's "
            + "indicator was left on, or an unexpected error occurred.")
    boolean assertions;

    @Mixin
    CheckOptions check;

    @Option(names = "--queue-size", defaultValue = "10000",
            description = "Payloads that may wait (socket down, requests backed up) before more are lost. Default: ${DEFAULT-VALUE}.")
    int queueSize;

    @Option(names = "--budget", defaultValue = "300",
            description = "agent-api requests per minute per token; refreshes beyond it are skipped. Default: ${DEFAULT-VALUE}.")
    int budget;

    @Option(names = "--enrich", description = "Look each conversation up once in analytics (conversation details query, "
            + "batched and paged) and add conversationStart, conversationEnd, originatingDirection and the agent's participant.")
    boolean enrich;

    @Option(names = "--pause-threshold", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "A longer gap between keystrokes means the agent stopped composing (guest truth). Default: ${DEFAULT-VALUE}.")
    long pauseThresholdMs;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Write an HTML report (one self-contained file, "
            + "no network): the verdict and figures, conversations and agents worst first, and each agent's timeline "
            + "with what the guest saw (modelled in a dry run) and its stale and blind stretches.")
    Path report;

    @Option(names = "--guest-page", description = "Print the embedded simulator's live guest page URL on stderr "
            + "(open it in a browser to watch a conversation as its customer does).")
    boolean guestPage;

    InputStream stdin = System.in;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Pacer pacer = pacer();
        if (dryRun && (!check.faults.isEmpty() || assertions || check.junit != null)) {
            throw new ParameterException(spec.commandLine(), "--fault, --assert and --junit need a replay over the wire: drop --dry-run");
        }
        if (check.junit != null) {
            OutputFiles.requireWritable(check.junit);
        }
        PrintWriter err = spec.commandLine().getErr();
        InvalidLinePolicy policy = input.policy(err);
        EngineSettings settings = engine.settings();
        RunChecks checks = new RunChecks(spec.commandLine(), check.thresholds, dryRun ? FigureNames.DRY_RUN : FigureNames.OVER_THE_WIRE,
                report);
        return dryRun ? dryRun(settings, policy, checks) : overTheWire(settings, policy, pacer, checks);
    }

    private int dryRun(EngineSettings settings, InvalidLinePolicy policy, RunChecks checks) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        // a dry run has no dialect of its own: the report models the guest's view by the one named, else agent-api
        Dialect dialect = target.dialect == null ? Dialect.AGENT_API : target.dialect;
        checks.record(pauseThresholdMs, dialect, settings);
        Replayer replayer = new Replayer(settings, checks.tapPayloads(printPayloads ? new PayloadPrinter(out) : (agent, signal, at) -> { }));
        checks.recorder().ifPresent(replayer::tap);
        RunChecks.Outcome checked;
        try (TraceMerger trace = TraceMerger.open(input.files, input.format, policy, replayer.engine()::agent, stdin)) {
            ReplayStats stats = replayer.run(trace, progress(trace));
            List<String> records = replayer.metrics().records(replayer.engine(), MetricsExtension.NONE);
            records.forEach(out::println);
            String summary = summary(trace, replayer.engine(), stats).toString();
            out.println(summary);
            checked = checks.finish(out, spec.commandLine().getErr(), summary, records,
                    RunChecks.settings(settings, dialect, pauseThresholdMs), "gctyping replay --dry-run", RunChecks.commandLine(spec.commandLine()),
                    () -> checks.recorder().orElseThrow().timelines(TimelineRecorder.Agents.of(replayer.engine()), handle -> Optional.empty()),
                    new RunReport.Verdict(true, "dry run: the guest's view is modelled by the " + dialect.cliName() + " rules"));
        }
        return checked.failed() ? ExitCodes.ASSERTION_FAILED : ExitCodes.OK;
    }

    private int overTheWire(EngineSettings settings, InvalidLinePolicy policy, Pacer pacer, RunChecks checks) throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SimulatorConfig embedded = SimulatorConfig.defaults()
                .withFaults(parseFaults())
                // the simulated platform sees the trace's own pace: its per-minute limit scales with --speed
                .withRequestsPerMinute(pacer.paced() ? (int) Math.min(Integer.MAX_VALUE, Math.ceil(300 * speedFactor())) : Integer.MAX_VALUE);
        Interruption interruption = Interruption.onCtrlC();
        try (OpenTarget open = target.open(embedded)) {
            if (!check.faults.isEmpty() && open.embeddedSimulator().isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--fault applies to the embedded simulator only; "
                        + "start `gctyping simulate --fault …` to inject faults into a separate one");
            }
            checks.record(pauseThresholdMs, open.dialect(), settings);
            if (guestPage) {
                GuestPages.print(open, err);
            }
            WireReplay.Options options = new WireReplay.Options(open.dialect(), settings, pacer, queueSize, budget,
                    pauseThresholdMs, OBSERVING_GUESTS, DRAIN_TIMEOUT, enrich);
            WireReplay.Outcome outcome;
            RunChecks.Outcome checked;
            try (WireReplay replay = new WireReplay(open, () -> report(open), options,
                            checks.tapPayloads(printPayloads ? new PayloadPrinter(out) : (agent, signal, at) -> { }));
                    TraceMerger trace = TraceMerger.open(input.files, input.format, policy, replay.engine()::agent, stdin)) {
                checks.recorder().ifPresent(replay::tap);
                outcome = replay.run(trace, progress(trace));
                outcome.records().forEach(out::println);
                String summary = outcome.appendTo(summary(trace, replay.engine(), outcome.stats()))
                        .field("complete", outcome.stats().complete()).toString();
                out.println(summary);
                if (!outcome.guestTruthAvailable()) {
                    err.println("gctyping: no simulator report for this target: delivery is counted from HTTP answers and the guest truth is not measured");
                }
                int violations = outcome.violations().values().stream().mapToInt(List::size).sum();
                WireReplay.Outcome finished = outcome;
                checked = checks.finish(out, err, summary, outcome.records(), RunChecks.settings(settings, open.dialect(), pauseThresholdMs),
                        "gctyping replay", RunChecks.commandLine(spec.commandLine()),
                        () -> checks.recorder().orElseThrow().timelines(TimelineRecorder.Agents.of(replay.engine()), finished.guestVisible()),
                        new RunReport.Verdict(violations == 0, violations == 0 ? "nothing lost, no indicator left on"
                                : violations + " violation(s): payloads lost or indicators left on (see stderr)"));
            }
            out.flush();
            List<JUnitReport.Case> cases = cases(outcome);
            checked.results().forEach(result -> cases.add(result.junitCase()));
            if (check.junit != null) {
                try {
                    JUnitReport.write(check.junit, "gctyping replay", outcome.stats().elapsedMs() / 1000.0, cases);
                } catch (IOException e) {
                    throw OutputFiles.writeFailed(check.junit, e);
                }
            }
            if (interruption.happened()) {
                return ExitCodes.INTERRUPTED;
            }
            // losses are always reported; only --assert turns them into a failing exit code
            String prefix = assertions ? "assertion failed: " : "gctyping: warning: ";
            outcome.violations().forEach((conversation, problems) ->
                    problems.forEach(problem -> err.println(prefix + "conversation " + conversation + ": " + problem)));
            return (assertions && !outcome.violations().isEmpty()) || checked.failed() ? ExitCodes.ASSERTION_FAILED : ExitCodes.OK;
        } finally {
            interruption.done();
        }
    }

    private Pacer pacer() {
        return speed.equalsIgnoreCase("max") ? Pacer.UNPACED : new Pacer(speedFactor());
    }

    private double speedFactor() {
        if (speed.equalsIgnoreCase("max")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double factor = Double.parseDouble(speed);
            if (factor > 0 && factor <= 10_000) {
                return factor;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--speed must be a number above 0 (at most 10000) or 'max', got '" + speed + "'");
    }

    private FaultPlan parseFaults() {
        try {
            return check.faults.isEmpty() ? FaultPlan.NONE : FaultPlan.parse(check.faults, check.seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The guest's truth: the embedded simulator's report, or a running simulator's {@code GET /sim/report}. */
    private static Optional<SimulatorReport> report(OpenTarget open) {
        if (open.embeddedSimulator().isPresent()) {
            return Optional.of(open.embeddedSimulator().get().report());
        }
        if (!open.target().isSimulator()) {
            return Optional.empty();
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(open.target().api("/sim/report")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? Optional.of(Json.MAPPER.readValue(response.body(), SimulatorReport.class))
                    : Optional.empty();
        } catch (IOException e) {
            // no static logger: picocli builds every command at start-up, and --help must not start logback
            LoggerFactory.getLogger(ReplayCommand.class).warn("could not read the simulator's report: {}", e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private LongConsumer progress(TraceMerger trace) throws IOException {
        long total = 0;
        for (String file : input.files) {
            if (!file.equals(TraceMerger.STDIN)) {
                total += Files.size(Path.of(file));
            }
        }
        return ProgressLine.create(spec.commandLine().getErr(), logging.quiet(), trace::bytesRead, total);
    }

    private static JsonLine summary(TraceMerger trace, TypingEngine engine, ReplayStats stats) {
        Set<String> conversations = new HashSet<>();
        for (int agent = 0; agent < engine.agentCount(); agent++) {
            conversations.add(engine.state(agent).conversationId());
        }
        return JsonLine.object()
                .field("event", "replay_summary")
                .field("files", trace.files())
                .field("events", stats.events())
                .field("keystrokes", stats.keystrokes())
                .field("payloads", stats.payloads())
                .field("conversations", conversations.size())
                .field("agents", engine.agentCount())
                .field("invalidLines", trace.invalidLines())
                .field("elapsedMs", stats.elapsedMs())
                .field("eventsPerSecond", Math.round(stats.eventsPerSecond()));
    }

    private static List<JUnitReport.Case> cases(WireReplay.Outcome outcome) {
        List<JUnitReport.Case> cases = new ArrayList<>();
        outcome.conversations().forEach(conversation -> cases.add(new JUnitReport.Case("conversation " + conversation,
                outcome.violations().getOrDefault(conversation, List.of()))));
        return cases;
    }

    /** Prints each payload in the seed dialect's JSON, exactly as it goes on a seed socket. */
    private static final class PayloadPrinter implements TypingListener {
        private final PrintWriter out;
        private final SeedPayload encoder = new SeedPayload();

        PayloadPrinter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onSignal(AgentState agent, Signal signal, long at) {
            out.append(encoder.encode(agent.conversationId(), agent.agentId(), at, signal.active())).append('\n');
        }
    }
}
