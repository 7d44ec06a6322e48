package dev.gctyping.threshold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.metrics.GuestTruth;
import dev.gctyping.support.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The numbers a run printed, by name: the summary record's numeric fields, and per conversation
 * the figures of its agents' records combined (counts and times summed; maxima, percentiles,
 * reconnects and rates the largest of its agents), plus the guest-truth shares of the sums.
 */
public record Figures(Map<String, Double> summary, Map<String, Map<String, Double>> byConversation) {
    /** Per-conversation figures that combine as the largest of the agents', not as a sum. */
    private static final Set<String> LARGEST = Set.of(
            "longestBurstMs",
            "maxStaleMs",
            "estimatedWPM",
            "interKeyMsP50",
            "interKeyMsP95",
            "composeMsP50",
            "composeMsMax",
            "reconnects");

    /**
     * The figures of a run from its printed NDJSON.
     *
     * @param summaryRecord the {@code replay_summary} line
     * @param agentRecords the {@code agent_typing_engagement} lines
     */
    public static Figures fromRecords(String summaryRecord, List<String> agentRecords) {
        Map<String, Double> summary = new LinkedHashMap<>();
        numbers(Json.parse(summaryRecord), summary::put);
        Map<String, Map<String, Double>> conversations = new TreeMap<>();
        for (String line : agentRecords) {
            JsonNode record = Json.parse(line);
            Map<String, Double> conversation =
                    conversations.computeIfAbsent(record.path("conversationId").asText(), id -> new LinkedHashMap<>());
            numbers(
                    record.path("metrics"),
                    (name, value) -> conversation.merge(name, value, LARGEST.contains(name) ? Math::max : Double::sum));
        }
        conversations.values().forEach(Figures::addShares);
        return new Figures(summary, conversations);
    }

    private static void numbers(JsonNode object, BiConsumer<String, Double> into) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (field.getValue().isNumber()) {
                into.accept(field.getKey(), field.getValue().asDouble());
            }
        }
    }

    /** The shares of a conversation's summed guest truth (when it was measured), as the summary has them. */
    private static void addShares(Map<String, Double> figures) {
        Double visible = figures.get("guestVisibleTypingMs");
        if (visible == null) {
            return;
        }
        GuestTruth truth = new GuestTruth(
                visible.longValue(),
                figures.get("staleTypingMs").longValue(),
                figures.get("blindTypingMs").longValue(),
                figures.get("maxStaleMs").longValue());
        figures.put("staleTypingShare", truth.staleShare());
        figures.put("blindTypingShare", truth.blindShare());
    }
}
