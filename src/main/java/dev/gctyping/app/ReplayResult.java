package dev.gctyping.app;

import dev.gctyping.replay.Violation;
import dev.gctyping.report.AgentTimeline;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How a replay ended (its records are already on the output).
 *
 * @param conversations every conversation replayed over the wire (empty for a dry run)
 * @param violations what the delivery proof found, by conversation (empty when nothing was lost)
 * @param guestTruthAvailable whether a simulator's report proved what the guests saw
 * @param interrupted stopped early by Ctrl-C or a signal: the records say {@code "complete":false}
 * @param summary the {@code replay_summary} record and {@code records} the others, as printed
 * @param timelines each agent's timeline, when the request asked for them (else null)
 * @param faultsInjected per fault the simulator injects (by its {@code --fault} name), how often it
 *     struck during this replay; empty without a simulator's report or without faults
 */
public record ReplayResult(
        boolean overTheWire,
        List<String> conversations,
        Map<String, List<Violation>> violations,
        boolean guestTruthAvailable,
        long elapsedMs,
        long payloadsLost,
        boolean interrupted,
        String summary,
        List<String> records,
        Supplier<List<AgentTimeline>> timelines,
        Map<String, Long> faultsInjected) {
    static ReplayResult dry(
            long elapsedMs,
            boolean interrupted,
            String summary,
            List<String> records,
            Supplier<List<AgentTimeline>> timelines) {
        return new ReplayResult(
                false, List.of(), Map.of(), false, elapsedMs, 0, interrupted, summary, records, timelines, Map.of());
    }
}
