package dev.gctyping.threshold;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The figures a threshold may name, known before the run so that a misspelt one stops the command
 * before it replays anything. {@code FigureNamesTest} checks them against what replays print.
 */
public enum FigureNames {
    /** {@code replay --dry-run}: the engine's figures only. */
    DRY_RUN(List.of(), List.of()),
    /** Over the wire: delivery, latency and (against a simulator) the guest truth. */
    OVER_THE_WIRE(
            List.of(
                    "payloadsSent",
                    "payloadsDelivered",
                    "payloadsLost",
                    "retries",
                    "rateLimited",
                    "refreshesSkippedForBudget",
                    "latencySamples",
                    "latencyMsP50",
                    "latencyMsP95",
                    "latencyMsP99",
                    "latencyMsMax",
                    "guestVisibleTypingMs",
                    "staleTypingMs",
                    "blindTypingMs",
                    "maxStaleMs",
                    "staleTypingShare",
                    "blindTypingShare"),
            List.of(
                    "payloadsSent",
                    "payloadsDelivered",
                    "payloadsLost",
                    "retries",
                    "rateLimited",
                    "reconnects",
                    "refreshesSkippedForBudget",
                    "guestVisibleTypingMs",
                    "staleTypingMs",
                    "blindTypingMs",
                    "maxStaleMs",
                    "staleTypingShare",
                    "blindTypingShare"));

    /** Every run's figures (an enum's constants cannot read its own static fields while they are built). */
    private static final class Common {
        static final List<String> SUMMARY = List.of(
                "files",
                "events",
                "keystrokes",
                "payloads",
                "conversations",
                "agents",
                "invalidLines",
                "elapsedMs",
                "eventsPerSecond");
        static final List<String> CONVERSATION = List.of(
                "totalKeystrokes",
                "suppressedKeystrokes",
                "activeSent",
                "inactiveSent",
                "messagesSent",
                "typingMs",
                "estimatedWPM",
                "refreshesSent",
                "bursts",
                "longestBurstMs",
                "expiries",
                "blurs",
                "interKeyMsP50",
                "interKeyMsP95",
                "composeMsP50",
                "composeMsMax");
    }

    private final Set<String> summary = new LinkedHashSet<>(Common.SUMMARY);
    private final Set<String> conversation = new LinkedHashSet<>(Common.CONVERSATION);

    FigureNames(List<String> summaryExtra, List<String> conversationExtra) {
        summary.addAll(summaryExtra);
        conversation.addAll(conversationExtra);
    }

    /** The summary's numeric figures, in the order the record prints them (guest truth last). */
    public Set<String> summary() {
        return summary;
    }

    /** The per-conversation figures, named {@code conversation.NAME} in a threshold. */
    public Set<String> conversation() {
        return conversation;
    }
}
