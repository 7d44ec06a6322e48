package dev.gctyping.cli;

import dev.gctyping.app.Environment;
import dev.gctyping.app.Tune;
import dev.gctyping.dialect.Dialect;
import dev.gctyping.dialect.Dialects;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.replay.SettingsSweep.Point;
import dev.gctyping.report.HtmlReport;
import dev.gctyping.report.RunReport;
import dev.gctyping.support.JsonLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gctyping tune}: a settings sweep, to pick a dedup window and expiry that fit the budget. */
@Command(
        name = "tune",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Sweep dedup window × expiry over a trace (dry run) to pick settings that fit the rate budget.",
        description = {
            "Loads the trace once, then replays it through the engine for every point of a log-spaced grid, in "
                    + "parallel, and models what the guest would see. For each point it prints payloads, platform requests, "
                    + "the peak requests in any minute (all conversations share one token: Genesys allows 300), and the "
                    + "guest-truth figures: stale time (the guest sees typing that is no longer true) and blind time (the "
                    + "agent composes while the guest sees nothing). Last comes a tune_summary with the recommended point: "
                    + "the least stale + blind time among the points within the budget.",
            "",
            "When no point fits, stderr says so (the lowest peak against the budget, and why none can fit when the "
                    + "agents' messages alone exceed it) and the summary is the point least over it; the default grid "
                    + "first widens towards longer windows and expiries while that lowers the peak. --require-fit then "
                    + "exits 1.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gctyping tune samples/concurrent-50.ndjson",
            "  gctyping tune --dedup 500ms..4s --expiry 2s..8s --steps 4 --dialect seed samples/*.ndjson",
        })
public final class TuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    TraceInputOptions input;

    @Option(
            names = "--dedup",
            paramLabel = "MIN..MAX",
            defaultValue = "250ms..5s",
            description = "Dedup window range. Default: ${DEFAULT-VALUE}.")
    String dedupRange;

    @Option(
            names = "--expiry",
            paramLabel = "MIN..MAX",
            defaultValue = "1s..10s",
            description = "Expiry range (in agent-api also the On duration). Default: ${DEFAULT-VALUE}.")
    String expiryRange;

    @Option(
            names = "--steps",
            defaultValue = "5",
            description = "Log-spaced values per range. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(
            names = "--dialect",
            defaultValue = "agent-api",
            converter = DialectConverter.class,
            completionCandidates = DialectConverter.Names.class,
            description = "Whose rules model the guest's view: agent-api or seed. Default: ${DEFAULT-VALUE}.")
    Dialect dialect;

    @Option(
            names = "--pause-threshold",
            paramLabel = "DURATION",
            defaultValue = "2s",
            converter = DurationConverter.class,
            description =
                    "A gap longer than this between keystrokes means the agent stopped composing. Default: ${DEFAULT-VALUE}.")
    long pauseThresholdMs;

    @Mixin
    PlanOptions plan;

    @Option(
            names = "--report",
            paramLabel = "FILE.html",
            description = "Write an HTML report (one self-contained file, "
                    + "no network): the grid as a heatmap of stale + blind time with the points that fit the budget and the "
                    + "recommended one, and each agent's timeline at the recommended settings.")
    Path report;

    @Option(names = "--threads", description = "Worker threads. Default: the number of cores.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(
            names = "--require-fit",
            description =
                    "Exit 1 when no point of the grid fits the budget (for CI); the points are printed either way.")
    boolean requireFit;

    private final Environment environment;

    public TuneCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (steps < 1 || steps > 50) {
            throw new ParameterException(spec.commandLine(), "--steps must be between 1 and 50");
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        IgnoredOptions.of(spec)
                .reject(
                        dialect == Dialects.SEED,
                        "--dialect seed",
                        "only agent-api plans its requests; seed sends every payload",
                        "--typing-lead",
                        "--max-typing-duration");
        if (report != null) {
            OutputFiles.requireWritable(report);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        input.sayWhenReadingTheTerminal(environment, err, logging.quiet());
        Tune.Result result = new Tune(environment)
                .run(new Tune.Request(
                        input.files(),
                        input.format,
                        input.maxLineBytes,
                        input.policy(err),
                        range(dedupRange, "--dedup"),
                        range(expiryRange, "--expiry"),
                        steps,
                        dialect,
                        pauseThresholdMs,
                        plan.settings(EngineSettings.DEFAULTS.expiryMs()),
                        threads,
                        defaultGrid()));
        for (Point point : result.points()) {
            out.println(point(result, point, "tune_point").toString());
        }
        out.println(point(result, result.best(), "tune_summary")
                .field("points", result.points().size())
                .field("events", result.events())
                .field("invalidLines", result.invalidLines())
                .field("elapsedMs", result.elapsedMs())
                .toString());
        out.flush();
        if (report != null) {
            writeReport(result);
            err.println("gctyping: report written to " + report);
        }
        sayWhetherAnyFits(result, err);
        return requireFit && result.fitting() == 0 ? ExitCodes.ASSERTION_FAILED : ExitCodes.OK;
    }

    /** Neither range was given: the grid is ours to widen. */
    private boolean defaultGrid() {
        return !spec.commandLine().getParseResult().hasMatchedOption("--dedup")
                && !spec.commandLine().getParseResult().hasMatchedOption("--expiry");
    }

    /** A widened grid, or no point within the budget, said on stderr: the summary alone would not show it. */
    private void sayWhetherAnyFits(Tune.Result result, PrintWriter err) {
        String budget = "the budget of " + result.budget() + " requests a minute";
        if (result.fitting() > 0) {
            if (result.widened()) {
                err.println("gctyping: no point of the default grid fits " + budget + "; widened it to "
                        + grid(result.grid()) + ": " + result.fitting() + " of "
                        + result.points().size()
                        + " points fit");
            }
            return;
        }
        String why = result.messagePeak() > result.budget()
                ? "the agents' messages alone peak at " + result.messagePeak()
                        + " a minute and every one is sent, so no dedup window or expiry can fit: raise --budget if "
                        + "the token allows more, or spread the conversations over more tokens"
                : "try longer --dedup and --expiry ranges or a higher --budget"
                        + (defaultGrid() ? " (the default grid was widened while that lowered the peak)" : "");
        err.println("gctyping: warning: no point of the grid (" + grid(result.grid()) + ") fits " + budget
                + ": the lowest peak is " + result.best().peakRequestsPerMinute() + "; " + why
                + ". The tune_summary is the point least over it.");
    }

    /** A grid as the options that give it. */
    private static String grid(Tune.Grid grid) {
        return "--dedup " + grid.dedup().minMs() + "ms.." + grid.dedup().maxMs() + "ms --expiry "
                + grid.expiry().minMs() + "ms.." + grid.expiry().maxMs() + "ms --steps " + grid.steps();
    }

    /** The heatmap of the grid, and the timelines of the recommended point. */
    private void writeReport(Tune.Result result) {
        int budget = result.budget();
        Point best = result.best();
        List<RunReport.TuneCell> cells = result.points().stream()
                .map(p -> new RunReport.TuneCell(
                        p.settings().dedupWindowMs(),
                        p.settings().expiryMs(),
                        p.truth().staleTypingMs(),
                        p.truth().blindTypingMs(),
                        p.requests(),
                        p.peakRequestsPerMinute(),
                        result.fits(p),
                        p == best))
                .toList();
        boolean fits = result.fits(best);
        RunReport.Verdict verdict = new RunReport.Verdict(
                fits,
                (fits ? "recommended: " : "no point fits the budget; the least over it: ")
                        + "dedup window " + best.settings().dedupWindowMs() + " ms, expiry "
                        + best.settings().expiryMs() + " ms (peak "
                        + best.peakRequestsPerMinute() + " requests a minute, budget " + budget
                        + "); timelines below are at these settings");
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("events", (double) result.events());
        summary.put("agents", (double) result.trace().agentCount());
        summary.put("payloads", (double) best.payloads());
        summary.put("invalidLines", (double) result.invalidLines());
        Map<String, String> settings = RunChecks.settings(best.settings(), dialect, pauseThresholdMs);
        settings.put("grid", result.points().size() + " points: " + grid(result.grid()));
        try {
            HtmlReport.write(
                    report,
                    new RunReport(
                            "gctyping tune",
                            RunChecks.commandLine(spec.commandLine()),
                            verdict,
                            settings,
                            summary,
                            List.of(),
                            result.timelinesOfBest(pauseThresholdMs),
                            Optional.of(new RunReport.TuneGrid(budget, cells))));
        } catch (IOException e) {
            throw OutputFiles.writeFailed(report, e);
        }
    }

    private JsonLine point(Tune.Result result, Point p, String event) {
        return JsonLine.object()
                .field("event", event)
                .field("dialect", dialect.name())
                .field("dedupWindowMs", p.settings().dedupWindowMs())
                .field("expiryMs", p.settings().expiryMs())
                .field("payloads", p.payloads())
                .field("requests", p.requests())
                .field("peakRequestsPerMinute", p.peakRequestsPerMinute())
                .field("fitsBudget", result.fits(p))
                .field("guestVisibleTypingMs", p.truth().guestVisibleTypingMs())
                .field("staleTypingMs", p.truth().staleTypingMs())
                .field("blindTypingMs", p.truth().blindTypingMs())
                .field("maxStaleMs", p.truth().maxStaleMs());
    }

    /** {@code MIN..MAX} in durations. */
    private Tune.Range range(String range, String option) {
        String[] bounds = range.split("\\.\\.");
        if (bounds.length != 2) {
            throw new ParameterException(spec.commandLine(), option + " must look like 250ms..5s, got '" + range + "'");
        }
        long low = DurationConverter.parseMillis(bounds[0]);
        long high = DurationConverter.parseMillis(bounds[1]);
        if (high < low) {
            throw new ParameterException(spec.commandLine(), option + ": the range's end is below its start");
        }
        return new Tune.Range(low, high);
    }
}
