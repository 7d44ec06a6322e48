package dev.gctyping.cli;

import dev.gctyping.app.ReplayResult;
import dev.gctyping.metrics.JUnitReport;
import dev.gctyping.threshold.ThresholdResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a replay's result becomes on stderr, in the JUnit file and as the exit code (replay and smoke). */
final class ReplayVerdict {
    private ReplayVerdict() {}

    /** @param thresholds the run's threshold results, each a test case of its own in the JUnit file */
    static int render(
            ReplayResult result,
            PrintWriter err,
            String suite,
            boolean assertions,
            Path junit,
            boolean interrupted,
            List<ThresholdResult> thresholds) {
        if (!result.overTheWire()) {
            return interrupted || result.interrupted() ? ExitCodes.INTERRUPTED : ExitCodes.OK;
        }
        if (!result.guestTruthAvailable()) {
            err.println(
                    "gctyping: no simulator report for this target: delivery is counted from HTTP answers and the guest truth is not measured");
        }
        if (junit != null) {
            try {
                List<JUnitReport.Case> cases = cases(result);
                thresholds.forEach(threshold -> cases.add(threshold.junitCase()));
                JUnitReport.write(junit, suite, result.elapsedMs() / 1000.0, cases);
            } catch (IOException e) {
                throw OutputFiles.writeFailed(junit, e);
            }
        }
        if (interrupted || result.interrupted()) {
            return ExitCodes.INTERRUPTED;
        }
        // losses are always reported; only --assert turns them into a failing exit code
        String prefix = assertions ? "assertion failed: " : "gctyping: warning: ";
        result.violations()
                .forEach((conversation, problems) -> problems.forEach(
                        problem -> err.println(prefix + "conversation " + conversation + ": " + problem)));
        return assertions && !result.violations().isEmpty() ? ExitCodes.ASSERTION_FAILED : ExitCodes.OK;
    }

    private static List<JUnitReport.Case> cases(ReplayResult result) {
        List<JUnitReport.Case> cases = new ArrayList<>();
        result.conversations()
                .forEach(conversation -> cases.add(new JUnitReport.Case(
                        "conversation " + conversation, result.violations().getOrDefault(conversation, List.of()))));
        return cases;
    }
}
