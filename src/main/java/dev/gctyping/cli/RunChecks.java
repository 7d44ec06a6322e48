package dev.gctyping.cli;

import dev.gctyping.dialect.Dialect;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.report.AgentTimeline;
import dev.gctyping.report.HtmlReport;
import dev.gctyping.report.RunReport;
import dev.gctyping.threshold.FigureNames;
import dev.gctyping.threshold.Figures;
import dev.gctyping.threshold.Threshold;
import dev.gctyping.threshold.ThresholdResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * A replay's {@code --threshold}s and {@code --report}: parsed and checked before the replay starts
 * (a malformed threshold is a usage error, an unwritable report exit 73), then evaluated over the
 * printed records. Without either, nothing is recorded and nothing is parsed back.
 */
final class RunChecks {
    private final List<Threshold> thresholds = new ArrayList<>();
    private final Path report;

    RunChecks(CommandLine commandLine, List<String> expressions, FigureNames figures, Path report) {
        for (String expression : expressions) {
            try {
                thresholds.add(Threshold.parse(expression, figures));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(commandLine, e.getMessage());
            }
        }
        if (report != null) {
            OutputFiles.requireWritable(report);
        }
        this.report = report;
    }

    /** Whether a report was asked for: the replay then records each agent's timeline. */
    boolean wantsTimelines() {
        return report != null;
    }

    /** Whether {@link #finish} reads the printed records back (thresholds or a report). */
    boolean readsRecords() {
        return !thresholds.isEmpty() || report != null;
    }

    /** What {@link #finish} reports. */
    record Outcome(List<ThresholdResult> results, boolean failed) {}

    /**
     * Evaluates the thresholds over the printed records (results on stdout, the verdict on stderr)
     * and writes the report.
     *
     * @param timelines the recorded timelines (called only when a report was asked for)
     * @param checksVerdict what the report's verdict says when no threshold was given
     */
    Outcome finish(
            PrintWriter out,
            PrintWriter err,
            String summaryRecord,
            List<String> agentRecords,
            Map<String, String> settings,
            String title,
            String command,
            Supplier<List<AgentTimeline>> timelines,
            RunReport.Verdict checksVerdict) {
        if (thresholds.isEmpty() && report == null) {
            return new Outcome(List.of(), false);
        }
        Figures figures = Figures.fromRecords(summaryRecord, agentRecords);
        List<ThresholdResult> results = thresholds.stream()
                .map(t -> ThresholdResult.evaluate(t, figures))
                .toList();
        results.forEach(r -> out.println(r.record()));
        out.flush();
        boolean failed = results.stream().anyMatch(r -> !r.passed());
        if (report != null) {
            RunReport.Verdict verdict = results.isEmpty()
                    ? checksVerdict
                    : new RunReport.Verdict(
                            !failed && checksVerdict.passed(),
                            ThresholdResult.verdict(results)
                                    + (checksVerdict.passed() ? "" : "; " + checksVerdict.text()));
            try {
                HtmlReport.write(
                        report,
                        new RunReport(
                                title,
                                command,
                                verdict,
                                settings,
                                figures.summary(),
                                results,
                                timelines.get(),
                                Optional.empty()));
            } catch (IOException e) {
                throw OutputFiles.writeFailed(report, e);
            }
            err.println("gctyping: report written to " + report);
        }
        if (!results.isEmpty()) {
            err.println(ThresholdResult.verdict(results));
        }
        return new Outcome(results, failed);
    }

    /** The command line as typed, for the report's header. */
    static String commandLine(CommandLine commandLine) {
        List<String> words = new ArrayList<>(List.of("gctyping"));
        List<String> args = commandLine.getParseResult().originalArgs();
        // the arguments start with the subcommand's name when it was parsed from the top command
        if (args.isEmpty() || !args.get(0).equals(commandLine.getCommandName())) {
            words.add(commandLine.getCommandName());
        }
        words.addAll(args);
        return String.join(" ", words);
    }

    /** The engine's settings for a report's header, in the order it shows them. */
    static Map<String, String> settings(EngineSettings settings, Dialect dialect, long pauseThresholdMs) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("dedup window", settings.dedupWindowMs() + " ms");
        shown.put("expiry", settings.expiryMs() + " ms");
        shown.put("dialect", dialect.name());
        shown.put("pause threshold", pauseThresholdMs + " ms");
        return shown;
    }
}
