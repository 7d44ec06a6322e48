package dev.gctyping.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gctyping.client.PlatformApi;
import dev.gctyping.protocol.IsoMillis;
import dev.gctyping.support.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --enrich}: each conversation looked up once with the real analytics details query
 * ({@code POST /api/v2/analytics/conversations/details/query}), batched by conversation id and
 * paged; the platform client already honours 429s. Never once per keystroke.
 */
public final class AnalyticsEnrichment {
    /** Conversation ids per query: one "or" filter of this many predicates. */
    static final int BATCH = 25;

    private static final long DAY_MS = 86_400_000L;

    private AnalyticsEnrichment() {}

    /**
     * The analytics record of each conversation found, by id.
     *
     * @param fromMs, toMs the replay's span; the query's interval covers their days, with a day's margin
     */
    public static Map<String, JsonNode> lookup(PlatformApi api, List<String> conversationIds, long fromMs, long toMs) {
        IsoMillis iso = new IsoMillis();
        String interval = iso.format(fromMs - DAY_MS) + "/" + iso.format(toMs + DAY_MS);
        Map<String, JsonNode> found = new HashMap<>();
        for (int start = 0; start < conversationIds.size(); start += BATCH) {
            List<String> batch = conversationIds.subList(start, Math.min(conversationIds.size(), start + BATCH));
            for (int page = 1; ; page++) {
                JsonNode response = api.analyticsQuery(query(interval, batch, page));
                JsonNode conversations = response.path("conversations");
                conversations.forEach(c -> found.put(c.path("conversationId").asText(), c));
                if (conversations.size() < BATCH
                        || (long) page * BATCH >= response.path("totalHits").asLong()) {
                    break;
                }
            }
        }
        return found;
    }

    private static ObjectNode query(String interval, List<String> conversationIds, int page) {
        ObjectNode query = Json.MAPPER.createObjectNode();
        query.put("interval", interval);
        query.put("order", "asc");
        query.put("orderBy", "conversationStart");
        ObjectNode filter = query.putArray("conversationFilters").addObject();
        filter.put("type", "or");
        ArrayNode predicates = filter.putArray("predicates");
        for (String id : conversationIds) {
            predicates
                    .addObject()
                    .put("type", "dimension")
                    .put("dimension", "conversationId")
                    .put("operator", "matches")
                    .put("value", id);
        }
        query.putObject("paging").put("pageSize", BATCH).put("pageNumber", page);
        return query;
    }

    /**
     * The agent's participant in an analytics conversation: the agent participant whose userId is
     * the trace's agent id or one of whose sessions is the communication the replay typed on, else
     * the only agent participant; null when that is ambiguous.
     */
    public static JsonNode agentParticipant(JsonNode conversation, String agentId, String communicationId) {
        List<JsonNode> agents = new ArrayList<>();
        for (JsonNode participant : conversation.path("participants")) {
            if ("agent".equalsIgnoreCase(participant.path("purpose").asText())) {
                if (agentId.equals(participant.path("userId").asText()) || hasSession(participant, communicationId)) {
                    return participant;
                }
                agents.add(participant);
            }
        }
        return agents.size() == 1 ? agents.get(0) : null;
    }

    private static boolean hasSession(JsonNode participant, String sessionId) {
        for (JsonNode session : participant.path("sessions")) {
            if (session.path("sessionId").asText().equals(sessionId)) {
                return true;
            }
        }
        return false;
    }
}
