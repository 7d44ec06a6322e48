package dev.gctyping.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gctyping.simulator.Conversation.AgentParticipant;
import dev.gctyping.simulator.Conversation.Snapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/v2/analytics/conversations/details/query} over what the simulator saw: the real
 * {@code ConversationQuery} shape (docs/protocol.md), answered with conversations that started on a
 * day touched by {@code interval} and pass every filter. Only the {@code conversationId} dimension is
 * evaluated; predicates on other dimensions match everything (the simulator has one media type, message).
 * Enums are read case-insensitively, since Genesys' SDKs send them lowercase.
 */
final class AnalyticsQuery {
    private static final int DEFAULT_PAGE_SIZE = 25;

    private AnalyticsQuery() {}

    /** @throws IllegalArgumentException for a request the platform would answer with 400 */
    static ObjectNode run(ObjectNode request, List<Snapshot> conversations) {
        JsonNode intervalNode = request.get("interval");
        if (intervalNode == null || !intervalNode.isTextual()) {
            throw new IllegalArgumentException("interval is required, as \"start/end\" in ISO-8601");
        }
        String[] interval = intervalNode.asText().split("/");
        if (interval.length != 2) {
            throw new IllegalArgumentException("interval must be \"start/end\" in ISO-8601");
        }
        LocalDate firstDay = day(SimulatorJson.traceTime(interval[0]));
        LocalDate lastDay = day(SimulatorJson.traceTime(interval[1]));
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("interval ends before it starts");
        }
        JsonNode paging = request.path("paging");
        int pageSize = positive(paging.path("pageSize"), DEFAULT_PAGE_SIZE, "paging.pageSize");
        int pageNumber = positive(paging.path("pageNumber"), 1, "paging.pageNumber");
        String ordering = request.path("order").asText("asc").toLowerCase(Locale.ROOT);
        if (!List.of("asc", "desc", "unordered").contains(ordering)) {
            throw new IllegalArgumentException("order must be asc, desc or unordered");
        }
        boolean descending = ordering.equals("desc");

        List<Snapshot> hits = new ArrayList<>();
        for (Snapshot conversation : conversations) {
            LocalDate started = day(conversation.startMs());
            if (!started.isBefore(firstDay)
                    && !started.isAfter(lastDay)
                    && allMatch(request.path("conversationFilters"), conversation.id())
                    && allMatch(request.path("segmentFilters"), conversation.id())) {
                hits.add(conversation);
            }
        }
        Comparator<Snapshot> order = Comparator.comparingLong(Snapshot::startMs).thenComparing(Snapshot::id);
        hits.sort(descending ? order.reversed() : order);

        ObjectNode response = SimulatorJson.object();
        ArrayNode page = response.putArray("conversations");
        long from = (long) (pageNumber - 1) * pageSize;
        for (long i = from; i < Math.min(hits.size(), from + pageSize); i++) {
            page.add(render(hits.get((int) i)));
        }
        response.put("totalHits", hits.size());
        return response;
    }

    private static LocalDate day(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static int positive(JsonNode node, int absent, String name) {
        if (node.isMissingNode() || node.isNull()) {
            return absent;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
            throw new IllegalArgumentException(name + " must be a positive whole number");
        }
        return node.asInt();
    }

    /** Top-level filters of one list are ANDed. */
    private static boolean allMatch(JsonNode filters, String conversationId) {
        for (JsonNode filter : filters) {
            if (!matches(filter, conversationId)) {
                return false;
            }
        }
        return true;
    }

    /** {@code {"type":"and"|"or","predicates":[…],"clauses":[…]}}; an empty filter matches. */
    private static boolean matches(JsonNode filter, String conversationId) {
        boolean or = filter.path("type").asText("and").toLowerCase(Locale.ROOT).equals("or");
        List<Boolean> results = new ArrayList<>();
        for (JsonNode predicate : filter.path("predicates")) {
            results.add(predicateMatches(predicate, conversationId));
        }
        for (JsonNode clause : filter.path("clauses")) {
            results.add(matches(clause, conversationId));
        }
        if (results.isEmpty()) {
            return true;
        }
        return or ? results.contains(Boolean.TRUE) : !results.contains(Boolean.FALSE);
    }

    private static boolean predicateMatches(JsonNode predicate, String conversationId) {
        if (!predicate.path("dimension").asText("").equals("conversationId")) {
            return true;
        }
        String operator = predicate.path("operator").asText("matches").toLowerCase(Locale.ROOT);
        return switch (operator) {
            case "exists" -> true;
            case "notexists" -> false;
            default -> conversationId.equals(predicate.path("value").asText(null));
        };
    }

    private static ObjectNode render(Snapshot conversation) {
        ObjectNode node = SimulatorJson.object();
        node.put("conversationId", conversation.id());
        node.put("conversationStart", SimulatorJson.iso(conversation.startMs()));
        node.put("conversationEnd", SimulatorJson.iso(conversation.endMs()));
        node.put("originatingDirection", "inbound");
        ArrayNode participants = node.putArray("participants");
        participant(
                participants,
                conversation.customerParticipantId(),
                "Guest",
                "customer",
                null,
                conversation.customerCommunicationId(),
                conversation);
        for (AgentParticipant agent : conversation.agents()) {
            participant(
                    participants,
                    agent.participantId(),
                    agent.name(),
                    "agent",
                    agent.userId(),
                    agent.communicationId(),
                    conversation);
        }
        return node;
    }

    private static void participant(
            ArrayNode participants,
            String id,
            String name,
            String purpose,
            String userId,
            String sessionId,
            Snapshot conversation) {
        ObjectNode participant = participants.addObject();
        participant.put("participantId", id);
        participant.put("participantName", name);
        participant.put("purpose", purpose);
        if (userId != null) {
            participant.put("userId", userId);
        }
        ObjectNode session = participant.putArray("sessions").addObject();
        session.put("mediaType", "message");
        session.put("messageType", "webmessaging");
        session.put("direction", "inbound");
        session.put("sessionId", sessionId);
        ObjectNode segment = session.putArray("segments").addObject();
        segment.put("segmentStart", SimulatorJson.iso(conversation.startMs()));
        segment.put("segmentEnd", SimulatorJson.iso(conversation.endMs()));
        segment.put("segmentType", "interact");
    }
}
