package dev.gctyping.threshold;

import dev.gctyping.metrics.JUnitReport;
import dev.gctyping.support.JsonLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One threshold's outcome. A summary threshold has its {@code value}; a per-conversation one
 * counts the conversations it was checked on and lists those that failed, worst first.
 */
public record ThresholdResult(
        Threshold threshold,
        boolean passed,
        OptionalDouble value,
        int conversations,
        List<Failure> failures,
        String reason) {
    /** How many failing conversations a message names before it says "and N more". */
    private static final int NAMED = 5;

    /** A conversation that did not meet a per-conversation threshold. */
    public record Failure(String conversationId, double value) {}

    /** Evaluates a threshold over a run's figures; a figure the run did not measure fails, saying so. */
    public static ThresholdResult evaluate(Threshold threshold, Figures figures) {
        if (!threshold.perConversation()) {
            Double value = figures.summary().get(threshold.figure());
            if (value == null) {
                return new ThresholdResult(
                        threshold, false, OptionalDouble.empty(), 0, List.of(), notMeasured(threshold));
            }
            return new ThresholdResult(threshold, threshold.holds(value), OptionalDouble.of(value), 0, List.of(), null);
        }
        List<Failure> failures = new ArrayList<>();
        int measured = 0;
        for (Map.Entry<String, Map<String, Double>> conversation :
                figures.byConversation().entrySet()) {
            Double value = conversation.getValue().get(threshold.figure());
            if (value != null) {
                measured++;
                if (!threshold.holds(value)) {
                    failures.add(new Failure(conversation.getKey(), value));
                }
            }
        }
        if (measured == 0) {
            return new ThresholdResult(threshold, false, OptionalDouble.empty(), 0, List.of(), notMeasured(threshold));
        }
        // worst first: furthest beyond an upper limit, or below a lower one
        Comparator<Failure> byValue = Comparator.comparingDouble(Failure::value);
        boolean lowerLimit =
                threshold.comparison() == Threshold.Comparison.GT || threshold.comparison() == Threshold.Comparison.GE;
        failures.sort(lowerLimit ? byValue : byValue.reversed());
        return new ThresholdResult(
                threshold, failures.isEmpty(), OptionalDouble.empty(), measured, List.copyOf(failures), null);
    }

    private static String notMeasured(Threshold threshold) {
        return threshold.figure() + " was not measured in this run (the guest truth needs a simulator's report)";
    }

    /** The {@code threshold} record for stdout. */
    public String record() {
        JsonLine line = JsonLine.object()
                .field("event", "threshold")
                .field("threshold", threshold.expression())
                .field("scope", threshold.perConversation() ? "conversation" : "summary")
                .field("figure", threshold.figure())
                .field("passed", passed);
        value.ifPresent(v -> line.field("value", v));
        if (threshold.perConversation() && reason == null) {
            line.field("conversations", conversations).field("failedConversations", failures.size());
            if (!failures.isEmpty()) {
                line.field("worstConversationId", failures.get(0).conversationId())
                        .field("worstValue", failures.get(0).value());
            }
        }
        if (reason != null) {
            line.field("reason", reason);
        }
        return line.toString();
    }

    /** What happened, in a few words: {@code blindTypingShare<0.1 (value 0.23)}. */
    public String describe() {
        String expression = threshold.expression();
        if (reason != null) {
            return expression + " (" + reason + ")";
        }
        if (!threshold.perConversation()) {
            return expression + " (value " + number(value.orElseThrow()) + ")";
        }
        if (failures.isEmpty()) {
            return expression + " (all " + conversations + " conversations)";
        }
        StringBuilder b = new StringBuilder(expression)
                .append(" (")
                .append(failures.size())
                .append(" of ")
                .append(conversations)
                .append(" conversations: ");
        for (int i = 0; i < Math.min(NAMED, failures.size()); i++) {
            b.append(i == 0 ? "" : ", ")
                    .append(failures.get(i).conversationId())
                    .append(' ')
                    .append(number(failures.get(i).value()));
        }
        if (failures.size() > NAMED) {
            b.append(", and ").append(failures.size() - NAMED).append(" more");
        }
        return b.append(')').toString();
    }

    /** The JUnit test case: one per threshold, failing with its description. */
    public JUnitReport.Case junitCase() {
        return new JUnitReport.Case("threshold " + threshold.expression(), passed ? List.of() : List.of(describe()));
    }

    /** The one-line verdict stderr ends with: {@code PASS: …} or {@code FAIL: …} naming the failed thresholds. */
    public static String verdict(List<ThresholdResult> results) {
        List<ThresholdResult> failed = results.stream().filter(r -> !r.passed()).toList();
        if (failed.isEmpty()) {
            return "PASS: " + results.size() + (results.size() == 1 ? " threshold" : " thresholds") + " met";
        }
        StringBuilder b = new StringBuilder("FAIL: ");
        b.append(failed.size() == 1 ? "threshold " : failed.size() + " of " + results.size() + " thresholds failed: ");
        for (int i = 0; i < failed.size(); i++) {
            b.append(i == 0 ? "" : "; ").append(failed.get(i).describe());
        }
        if (failed.size() == 1) {
            b.append(" failed");
        }
        return b.toString();
    }

    /** Whole numbers without a fraction, others as Java prints them. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
