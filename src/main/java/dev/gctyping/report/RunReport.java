package dev.gctyping.report;

import dev.gctyping.threshold.ThresholdResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one HTML report shows, as plain data: {@link HtmlReport} renders it.
 *
 * @param command the command line that produced it
 * @param settings named settings, in display order (dedup window, expiry, dialect, …)
 * @param summary the summary record's numeric figures
 * @param agents every (conversation, agent)'s timeline
 * @param tune the settings grid, for {@code tune}
 */
public record RunReport(
        String title,
        String command,
        Verdict verdict,
        Map<String, String> settings,
        Map<String, Double> summary,
        List<ThresholdResult> thresholds,
        List<AgentTimeline> agents,
        Optional<TuneGrid> tune) {

    /** The report's first line: passed or not, and why. */
    public record Verdict(boolean passed, String text) {}

    /** A {@code tune} sweep: one cell per grid point, and the budget the fit was judged by. */
    public record TuneGrid(int budget, List<TuneCell> cells) {}

    /** One grid point of a sweep; {@code recommended} marks the one {@code tune_summary} names. */
    public record TuneCell(
            long dedupWindowMs,
            long expiryMs,
            long staleMs,
            long blindMs,
            long requests,
            int peakRequestsPerMinute,
            boolean fitsBudget,
            boolean recommended) {}
}
