package dev.gctyping.cli;

import dev.gctyping.app.ReplayResult;
import dev.gctyping.metrics.JUnitReport;
import dev.gctyping.replay.Violation;
import dev.gctyping.simulator.Fault;
import dev.gctyping.threshold.ThresholdResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** What a replay's result becomes on stderr, in the JUnit file and as the exit code (replay and smoke). */
final class ReplayVerdict {
    /** How many of a repeated problem's places its one line names. */
    private static final int NAMED = 3;

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
        faults(result.faultsInjected(), err);
        if (interrupted || result.interrupted()) {
            return ExitCodes.INTERRUPTED;
        }
        // losses are always reported; only --assert turns them into a failing exit code
        String prefix = assertions ? "assertion failed: " : "gctyping: warning: ";
        grouped(result.violations()).forEach(line -> err.println(prefix + line));
        return assertions && !result.violations().isEmpty() ? ExitCodes.ASSERTION_FAILED : ExitCodes.OK;
    }

    /**
     * What the simulator's faults did in this run, on one line, and a warning for each fault that was
     * asked for and never struck: a run that tested nothing must not look like one that survived it.
     */
    private static void faults(Map<String, Long> injected, PrintWriter err) {
        if (injected.isEmpty()) {
            return;
        }
        StringJoiner counts = new StringJoiner(", ", "gctyping: faults injected: ", "");
        injected.forEach((fault, count) -> counts.add(fault + " " + count));
        err.println(counts);
        injected.forEach((fault, count) -> {
            if (count == 0) {
                err.println("gctyping: warning: --fault " + fault + " injected nothing in this run ("
                        + Fault.named(fault).map(Fault::help).orElse("unknown to this version") + ")");
            }
        });
    }

    /**
     * One line per problem: a problem found in one place names it, as {@code conversation C: agent A:
     * payload lost: queue full}; one repeated in many is counted, naming the first few places.
     */
    static List<String> grouped(Map<String, List<Violation>> violations) {
        Map<String, List<String>> places = new LinkedHashMap<>();
        Map<String, String> single = new LinkedHashMap<>();
        violations.forEach((conversation, problems) -> problems.forEach(violation -> {
            String place = violation.subject() == null
                    ? "conversation " + conversation
                    : violation.subject() + " in conversation " + conversation;
            places.computeIfAbsent(violation.problem(), problem -> new ArrayList<>())
                    .add(place);
            single.putIfAbsent(violation.problem(), "conversation " + conversation + ": " + violation);
        }));
        List<String> lines = new ArrayList<>();
        places.forEach((problem, where) -> {
            if (where.size() == 1) {
                lines.add(single.get(problem));
                return;
            }
            List<String> distinct = where.stream().distinct().toList();
            StringJoiner named = new StringJoiner(", ", problem + " (" + where.size() + "×: ", ")");
            distinct.stream().limit(NAMED).forEach(named::add);
            if (distinct.size() > NAMED) {
                named.add("and " + (distinct.size() - NAMED) + " more");
            }
            lines.add(named.toString());
        });
        return lines;
    }

    /**
     * The closing line of a check such as {@code smoke}: {@code smoke: PASS, 51 conversations, 0 lost},
     * or what failed.
     */
    static String closing(String name, ReplayResult result, List<ThresholdResult> thresholds, int exitCode) {
        String outcome = exitCode == ExitCodes.OK ? "PASS" : exitCode == ExitCodes.INTERRUPTED ? "INTERRUPTED" : "FAIL";
        StringJoiner line = new StringJoiner(", ", name + ": " + outcome + ", ", "");
        line.add(result.conversations().size() + " conversations");
        line.add(result.payloadsLost() + " lost");
        long others =
                result.violations().values().stream().mapToLong(List::size).sum() - result.payloadsLost();
        if (others > 0) {
            line.add(others + (others == 1 ? " other assertion failed" : " other assertions failed"));
        }
        List<String> failed = thresholds.stream()
                .filter(t -> !t.passed())
                .map(t -> t.threshold().expression())
                .toList();
        if (!failed.isEmpty()) {
            line.add((failed.size() == 1 ? "threshold " : failed.size() + " of " + thresholds.size() + " thresholds ")
                    + String.join(", ", failed) + " failed");
        } else if (!thresholds.isEmpty()) {
            line.add(thresholds.size() + (thresholds.size() == 1 ? " threshold met" : " thresholds met"));
        }
        return line.toString();
    }

    private static List<JUnitReport.Case> cases(ReplayResult result) {
        List<JUnitReport.Case> cases = new ArrayList<>();
        result.conversations()
                .forEach(conversation -> cases.add(new JUnitReport.Case(
                        "conversation " + conversation,
                        result.violations().getOrDefault(conversation, List.of()).stream()
                                .map(Violation::toString)
                                .toList())));
        return cases;
    }
}
