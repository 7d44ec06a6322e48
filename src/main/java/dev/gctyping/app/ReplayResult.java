package dev.gctyping.app;

import java.util.List;
import java.util.Map;

/**
 * How a replay ended (its records are already on the output).
 *
 * @param conversations every conversation replayed over the wire (empty for a dry run)
 * @param violations what the delivery proof found, by conversation (empty when nothing was lost)
 * @param guestTruthAvailable whether a simulator's report proved what the guests saw
 * @param interrupted stopped early by Ctrl-C or a signal: the records say {@code "complete":false}
 */
public record ReplayResult(boolean overTheWire, List<String> conversations, Map<String, List<String>> violations,
        boolean guestTruthAvailable, long elapsedMs, long payloadsLost, boolean interrupted) {
    static ReplayResult dry(long elapsedMs, boolean interrupted) {
        return new ReplayResult(false, List.of(), Map.of(), false, elapsedMs, 0, interrupted);
    }
}
