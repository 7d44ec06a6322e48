package dev.gctyping.cli;

import dev.gctyping.app.Environment;
import dev.gctyping.app.Replay;
import dev.gctyping.app.ReplayRequest;
import dev.gctyping.app.ReplayResult;
import dev.gctyping.app.Targets;
import dev.gctyping.dialect.Dialects;
import dev.gctyping.report.RunReport;
import dev.gctyping.threshold.FigureNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gctyping replay}: recorded keystrokes through the engine, metrics out. */
@Command(
        name = "replay",
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
            "  gctyping replay --dialect seed --speed 4 --fault drop-every=20 --assert --junit target/replay.xml samples/*.ndjson",
            "  gctyping replay --dry-run --print-payloads --dedup-window 1s --expiry 5s samples/transfer.ndjson",
            "  zcat big.ndjson.gz | gctyping replay --dry-run -",
            "  gctyping replay --dry-run --skip-invalid --format csv recorded.csv",
        })
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    TargetOptions target;

    @Mixin
    TraceInputOptions input;

    @Option(
            names = "--dry-run",
            description = "Run the engine only: no network, virtual clock (the trace's timestamps).")
    boolean dryRun;

    @Mixin
    EngineOptions engine;

    @Option(
            names = "--print-payloads",
            description = "Print each payload's wire JSON on stdout, one per line, in emission order.")
    boolean printPayloads;

    @Option(
            names = "--speed",
            paramLabel = "X|max",
            defaultValue = "1",
            description =
                    "Over the wire: replay at X times the trace's pace, or 'max' (as fast as the transport allows). "
                            + "Default: ${DEFAULT-VALUE}.")
    String speed;

    @Option(
            names = "--assert",
            description = "Exit 1 (one stderr line per violation) if a payload was lost, a guest's "
                    + "indicator was left on, or an unexpected error occurred.")
    boolean assertions;

    @Mixin
    CheckOptions check;

    @Option(
            names = "--queue-size",
            paramLabel = "N",
            defaultValue = "" + ReplayRequest.DEFAULT_QUEUE_LIMIT,
            description = "Sends that may wait at once (socket down, requests backed up); beyond that the replay waits "
                    + "for room, so nothing is lost. Default: ${DEFAULT-VALUE}.")
    int queueSize;

    @Mixin
    PlanOptions plan;

    @Option(
            names = "--report",
            paramLabel = "FILE.html",
            description = "Write an HTML report (one self-contained file, "
                    + "no network): the verdict and figures, conversations and agents worst first, and each agent's timeline "
                    + "with what the guest saw (modelled in a dry run) and its stale and blind stretches.")
    Path report;

    @Option(
            names = "--guest-page",
            description = "Print the embedded simulator's live guest page on stderr, to watch a conversation "
                    + "as its customer does while the replay runs (with --speed 1).")
    boolean guestPage;

    @Option(
            names = "--enrich",
            description =
                    "Look each conversation up once in analytics (conversation details query, "
                            + "batched and paged) and add conversationStart, conversationEnd, originatingDirection and the agent's participant.")
    boolean enrich;

    @Option(
            names = "--pause-threshold",
            paramLabel = "DURATION",
            defaultValue = "2s",
            converter = DurationConverter.class,
            description =
                    "A longer gap between keystrokes means the agent stopped composing (guest truth). Default: ${DEFAULT-VALUE}.")
    long pauseThresholdMs;

    private final Environment environment;

    public ReplayCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        double speedFactor = speedFactor();
        if (queueSize < 1) {
            throw new ParameterException(spec.commandLine(), "--queue-size must be at least 1, got " + queueSize);
        }
        refuseIdleOptions();
        if (check.junit != null) {
            OutputFiles.requireWritable(check.junit);
        }
        RunChecks checks = new RunChecks(
                spec.commandLine(), check.thresholds, dryRun ? FigureNames.DRY_RUN : FigureNames.OVER_THE_WIRE, report);
        PrintWriter err = spec.commandLine().getErr();
        input.sayWhenReadingTheTerminal(environment, err, logging.quiet());
        ReplayRequest request = new ReplayRequest(
                input.files(),
                input.format,
                input.maxLineBytes,
                input.policy(err),
                engine.settings(),
                dryRun,
                printPayloads,
                speedFactor,
                target.dialect(),
                target.request(),
                check.faults,
                check.seed,
                queueSize,
                plan.settings(engine.expiryMs),
                enrich,
                pauseThresholdMs,
                checks.wantsTimelines(),
                checks.readsRecords());
        Map<String, String> settings = RunChecks.settings(engine.settings(), target.dialect(), pauseThresholdMs);
        return run(
                spec,
                environment,
                logging,
                replay -> replay.whenTargetOpens(open -> {
                            if (guestPage) {
                                if (!open.isEmbeddedSimulator()) {
                                    throw new IllegalArgumentException("--guest-page shows the embedded simulator's "
                                            + "page; for a separate one, `gctyping simulate` prints it");
                                }
                                GuestPages.print(open, err);
                            }
                        })
                        .run(request),
                dryRun ? "gctyping replay --dry-run" : "gctyping replay",
                assertions,
                check,
                checks,
                settings,
                null);
    }

    /** A job built on the replay: a replay itself, or the smoke check. */
    interface ReplayJob {
        ReplayResult run(Replay replay) throws IOException, InterruptedException;
    }

    /**
     * Runs a replay job and renders its outcome: shared with {@code smoke}.
     *
     * @param verdictName the name a closing verdict line on stderr starts with ({@code smoke: PASS, …}); null for none
     */
    static int run(
            CommandSpec spec,
            Environment environment,
            LoggingOptions logging,
            ReplayJob job,
            String suite,
            boolean assertions,
            CheckOptions check,
            RunChecks checks,
            Map<String, String> settings,
            String verdictName)
            throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Replay replay =
                new Replay(environment, new Targets(environment), out, ProgressLine.reporter(err, logging.quiet()));
        Interruption interruption = Interruption.onCtrlC();
        ReplayResult result;
        try {
            result = job.run(replay);
            out.flush();
        } catch (IllegalArgumentException badFault) {
            throw new ParameterException(spec.commandLine(), badFault.getMessage());
        } finally {
            interruption.done();
        }
        int violations =
                result.violations().values().stream().mapToInt(List::size).sum();
        RunReport.Verdict verdict = !result.overTheWire()
                ? new RunReport.Verdict(
                        true, "dry run: the guest's view is modelled from what the dialect's plan sends")
                : new RunReport.Verdict(
                        violations == 0,
                        violations == 0
                                ? "nothing lost, no indicator left on"
                                : violations + " violation(s): payloads lost or indicators left on (see stderr)");
        RunChecks.Outcome checked = checks.finish(
                out,
                err,
                result.summary(),
                result.records(),
                settings,
                suite,
                RunChecks.commandLine(spec.commandLine()),
                result.timelines(),
                verdict);
        int rendered = ReplayVerdict.render(
                result, err, suite, assertions, check.junit, interruption.happened(), checked.results());
        int code = rendered == ExitCodes.OK && checked.failed() ? ExitCodes.ASSERTION_FAILED : rendered;
        if (verdictName != null) {
            err.println(ReplayVerdict.closing(verdictName, result, checked.results(), code));
        }
        return code;
    }

    /** Options that would do nothing in the chosen mode: a usage error, or a warning where they are merely idle. */
    private void refuseIdleOptions() {
        boolean seed = target.dialect() == Dialects.SEED;
        IgnoredOptions.of(spec)
                .reject(
                        dryRun,
                        "--dry-run",
                        "a dry run runs the engine on the trace's own clock and sends nothing",
                        "--fault",
                        "--seed",
                        "--assert",
                        "--junit",
                        "--speed",
                        "--queue-size",
                        "--enrich",
                        "--target",
                        "--region",
                        "--profile",
                        "--client-id",
                        "--guest-page")
                .reject(
                        seed,
                        "--dialect seed",
                        "only agent-api plans its requests; seed sends every payload",
                        "--budget",
                        "--typing-lead",
                        "--max-typing-duration")
                .warn(
                        dryRun && !printPayloads && report == null,
                        "in this dry run",
                        "only --print-payloads and --report show what the dialect sends",
                        "--dialect",
                        "--budget",
                        "--typing-lead",
                        "--max-typing-duration")
                .warn(check.faults.isEmpty(), "without --fault", "it seeds the simulator's faults", "--seed");
    }

    /** {@code --speed}: a factor, or infinity for 'max'. */
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
        throw new ParameterException(
                spec.commandLine(), "--speed must be a number above 0 (at most 10000) or 'max', got '" + speed + "'");
    }
}
