package dev.gctyping.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gctyping.support.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the simulator saw: the guest-visible typing truth per conversation, delivery counts and
 * the faults it injected. Served as JSON at {@code GET /sim/report} and by the embedded simulator;
 * Jackson reads it back into these records.
 *
 * <p>Shape (all times are epoch milliseconds in TRACE time, i.e. taken from the payloads):
 * <pre>
 * {"generatedAt":"2026-11-24T22:00:00.000Z", "run":"4f1c…",
 *  "faults":["drop-every=50"],
 *  "faultCounts":{"token429":0,"api429":0,"rateLimited":0,"api5xx":0,"drops":2,"tokensExpiredEarly":0},
 *  "faultsInjected":{"drop-every":2},
 *  "expired":{"idleExpiryMs":600000,"conversations":9900,"guestSessions":9900,"tokens":3,"runs":12},
 *  "conversations":[{
 *     "conversationId":"c1", "guestsConnected":1, "guestSessions":1, "guestTypingEvents":0, "guestMessages":0,
 *     "guestVisibleMs":3600, "guestVisible":[{"start":0,"end":3600}],
 *     "senders":[{"senderId":"agent-1", "dialect":"seed", "typingPayloads":3, "messages":0, "framesPushed":3,
 *                 "visibleMs":3600, "intervals":[{"start":0,"end":3600,"endedBy":"inactive"}]}]}]}
 * </pre>
 * A sender is the seed payload's {@code senderId}, or the {@code communicationId} of the agent-api path.
 * {@code typingPayloads} counts accepted typing payloads (seed {@code active}/{@code inactive}, agent-api
 * {@code On}); {@code messages} the agent's messages; {@code framesPushed} the frames actually written to
 * connected guest sockets (one per guest per payload; 0 while no guest is connected, but the truth is kept
 * anyway). An interval {@code [start, end)} is what a guest shows: {@code On} with duration D shows
 * {@code [t, t+D)} (5000 ms without D), a later {@code On} extends it, and it ends by {@code duration}
 * (lapsed), {@code message} (the agent's message), {@code inactive} (seed {@code inactive}), or is still
 * {@code open}: nothing the simulator has seen so far (up to the latest trace time of the conversation)
 * ended it, and {@code end} is where its duration will end it. {@code guestVisible} is the union over
 * senders.
 *
 * <p>{@code run} is the run the report is scoped to ({@code GET /sim/report?run=ID}), null for the
 * shared space of requests that named no run. {@code expired} counts what the simulator forgot since
 * it started (or was reset) because nothing used it for {@code idleExpiryMs}: conversations (of every
 * run), guest sessions, tokens, and runs left with no conversation. Fault counts are for the whole
 * simulator, every run included. {@code faultsInjected} has one entry per fault the simulator was
 * started with, by its {@code --fault} name: how often it struck (a latency fault: the replies it delayed).
 */
public record SimulatorReport(
        String generatedAt,
        String run,
        List<String> faults,
        FaultCounts faultCounts,
        Map<String, Long> faultsInjected,
        Expired expired,
        List<ConversationReport> conversations) {

    /**
     * This report as one line of JSON; with an {@code event} name that field comes first, which makes
     * it an NDJSON record ({@code {"event":"simulator_report","generatedAt":…}}).
     */
    public String toJson(String event) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (event != null) {
            node.put("event", event);
        }
        node.setAll((ObjectNode) Json.MAPPER.valueToTree(this));
        return Json.write(node);
    }

    /** The conversation with this id, if the simulator has seen it. */
    /** Each conversation by id: to look many up, index once (a lookup by {@link #conversation} scans). */
    public Map<String, ConversationReport> byConversation() {
        Map<String, ConversationReport> byId = new HashMap<>();
        conversations.forEach(c -> byId.putIfAbsent(c.conversationId(), c));
        return byId;
    }

    public Optional<ConversationReport> conversation(String conversationId) {
        return conversations.stream()
                .filter(c -> c.conversationId().equals(conversationId))
                .findFirst();
    }

    /**
     * What the fault plan did, plus the real limits the simulator enforced: {@code rateLimited} counts
     * the 429s of the per-token requests-per-minute limit, {@code unauthorized} the 401s.
     */
    public record FaultCounts(
            long token429,
            long api429,
            long rateLimited,
            long api5xx,
            long drops,
            long tokensExpiredEarly,
            long unauthorized) {}

    /** What idle expiry forgot so far. */
    public record Expired(long idleExpiryMs, long conversations, long guestSessions, long tokens, long runs) {}

    public record ConversationReport(
            String conversationId,
            int guestsConnected,
            int guestSessions,
            long guestTypingEvents,
            long guestMessages,
            long guestVisibleMs,
            List<Span> guestVisible,
            List<SenderReport> senders) {

        public Optional<SenderReport> sender(String senderId) {
            return senders.stream().filter(s -> s.senderId().equals(senderId)).findFirst();
        }
    }

    public record SenderReport(
            String senderId,
            String dialect,
            long typingPayloads,
            long messages,
            long framesPushed,
            long visibleMs,
            List<Interval> intervals) {}

    /** One guest-visible typing interval of one sender. */
    public record Interval(long start, long end, String endedBy) {}

    /** One stretch of the union over senders. */
    public record Span(long start, long end) {}
}
