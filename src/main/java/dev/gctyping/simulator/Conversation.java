package dev.gctyping.simulator;

import dev.gctyping.protocol.SimulatorReport.ConversationReport;
import dev.gctyping.protocol.SimulatorReport.Interval;
import dev.gctyping.protocol.SimulatorReport.SenderReport;
import dev.gctyping.protocol.SimulatorReport.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/**
 * One simulated messaging conversation: a customer, its agents (each with a messages communication),
 * the guests connected to it, and each sender's typing truth. Created on first use; the typing state is
 * guarded by the object's monitor, so events of one conversation are recorded in arrival order.
 */
final class Conversation {
    static final String SEED = "seed";
    static final String AGENT_API = "agent-api";

    /** An agent participant; in agent-api a sender is known by {@code communicationId}, in seed by its user. */
    record AgentParticipant(String participantId, String userId, String name, String communicationId) {}

    /**
     * What the HTTP side renders, copied under the lock: {@code participants} are every agent
     * participant (GET conversation); {@code agents} are those who sent something, or the
     * conversation's default agent while nobody has (analytics).
     */
    record Snapshot(
            String id,
            long startMs,
            long endMs,
            String customerParticipantId,
            String customerCommunicationId,
            List<AgentParticipant> participants,
            List<AgentParticipant> agents) {}

    private static final class Sender {
        final String dialect;
        final TypingTimeline timeline = new TypingTimeline();
        long typingPayloads;
        long messages;
        long framesPushed;
        /** The last seed payload accepted, so resends after a lost acknowledgement are not counted twice. */
        long lastSeedAt = Long.MIN_VALUE;

        boolean lastSeedActive;

        Sender(String dialect) {
            this.dialect = dialect;
        }
    }

    final String id;
    final String customerParticipantId;
    final String customerCommunicationId;
    private final long createdAtMs;
    private final AgentParticipant defaultAgent;
    private final Map<String, AgentParticipant> agentsBySender = new LinkedHashMap<>();
    private final Map<String, Sender> senders = new LinkedHashMap<>();
    private final Set<WebSocket> guests = ConcurrentHashMap.newKeySet();
    private long firstTraceMs = Long.MAX_VALUE;
    private long lastTraceMs = Long.MIN_VALUE;
    private int guestSessions;
    private long guestTypingEvents;
    private long guestMessages;

    Conversation(String id, long createdAtMs) {
        this.id = id;
        this.createdAtMs = createdAtMs;
        this.customerParticipantId = stableId("customer-participant", id);
        this.customerCommunicationId = stableId("customer-communication", id);
        this.defaultAgent = new AgentParticipant(
                stableId("agent-participant", id),
                stableId("agent-user", id),
                "Simulated Agent",
                stableId("agent-communication", id));
        agentsBySender.put(defaultAgent.communicationId(), defaultAgent);
    }

    /** Ids derived from the conversation id, so a rerun of the same trace sees the same ids. */
    static String stableId(String kind, String... parts) {
        return UUID.nameUUIDFromBytes((kind + ":" + String.join(":", parts)).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * An agent participant joins with its messages communication (what happens on a real org when an
     * agent accepts the conversation); a communication that is already an agent's keeps its participant.
     *
     * @param userId the agent's user id, or null for one derived from the communication
     */
    synchronized AgentParticipant join(String communicationId, String userId) {
        return agentsBySender.computeIfAbsent(communicationId, key -> {
            String user = userId != null ? userId : stableId("agent-user", id, key);
            return new AgentParticipant(stableId("agent-participant", id, key), user, "Agent " + user, key);
        });
    }

    /** Whose a communication id is, for the agent-api endpoints, which accept only an agent participant's. */
    enum Communication {
        AGENT,
        CUSTOMER,
        UNKNOWN
    }

    synchronized Communication communication(String communicationId) {
        AgentParticipant agent = agentsBySender.get(communicationId);
        if (agent != null && agent.communicationId().equals(communicationId)) {
            return Communication.AGENT;
        }
        return communicationId.equals(customerCommunicationId) ? Communication.CUSTOMER : Communication.UNKNOWN;
    }

    /**
     * agent-api {@code Typing On}: shown for the duration (5000 ms when absent); false (nothing
     * recorded) unless {@code communicationId} is an agent participant's.
     */
    synchronized boolean agentTyping(String communicationId, long at, Long durationMs) {
        if (communication(communicationId) != Communication.AGENT) {
            return false;
        }
        Sender sender = sender(communicationId, AGENT_API);
        sender.timeline.on(at, durationMs == null ? TypingTimeline.DEFAULT_DURATION_MS : durationMs);
        sender.typingPayloads++;
        deliver(sender, GuestFrameWriter.typing("On", durationMs, at));
        return true;
    }

    /** The agent's text message: it takes the sender's indicator down; false as for {@link #agentTyping}. */
    synchronized boolean agentMessage(String communicationId, long at, String messageId, String text) {
        if (communication(communicationId) != Communication.AGENT) {
            return false;
        }
        Sender sender = sender(communicationId, AGENT_API);
        sender.timeline.stop(at, TypingTimeline.BY_MESSAGE);
        sender.messages++;
        deliver(sender, GuestFrameWriter.agentText(messageId, text, at));
        return true;
    }

    /** A seed payload: {@code active} is {@code Typing On} without duration, {@code inactive} is {@code Off}. */
    synchronized void seedTyping(String senderId, long at, boolean active) {
        Sender sender = sender(senderId, SEED);
        if (at < sender.lastSeedAt || (at == sender.lastSeedAt && active == sender.lastSeedActive)) {
            // a sender's payloads come in time order, so an older one is a resend of a payload whose
            // acknowledgement was lost in a drop: it was shown already
            return;
        }
        sender.lastSeedAt = at;
        sender.lastSeedActive = active;
        if (active) {
            sender.timeline.on(at, TypingTimeline.DEFAULT_DURATION_MS);
        } else {
            sender.timeline.stop(at, TypingTimeline.BY_INACTIVE);
        }
        sender.typingPayloads++;
        deliver(sender, GuestFrameWriter.typing(active ? "On" : "Off", null, at));
    }

    /** A seed sender becomes an agent participant on its first payload; agent-api senders have joined before. */
    private Sender sender(String senderId, String dialect) {
        if (dialect.equals(SEED)) {
            agentsBySender.computeIfAbsent(
                    senderId,
                    key -> new AgentParticipant(
                            stableId("agent-participant", id, key),
                            key,
                            key,
                            stableId("agent-communication", id, key)));
        }
        return senders.computeIfAbsent(senderId, key -> new Sender(dialect));
    }

    private void deliver(Sender sender, GuestFrameWriter.Frame frame) {
        firstTraceMs = Math.min(firstTraceMs, frame.traceTimeMs());
        lastTraceMs = Math.max(lastTraceMs, frame.traceTimeMs());
        sender.framesPushed += push(frame.json());
    }

    /** Writes a frame to every open guest socket of this conversation; returns how many got it. */
    int push(String frame) {
        int pushed = 0;
        for (WebSocket guest : guests) {
            try {
                if (guest.isOpen()) {
                    guest.send(frame);
                    pushed++;
                }
            } catch (WebsocketNotConnectedException closedMeanwhile) {
                // the guest went away between the check and the send: not delivered
            }
        }
        return pushed;
    }

    synchronized void guestJoined(WebSocket guest, boolean newSession) {
        guests.add(guest);
        if (newSession) {
            guestSessions++;
        }
    }

    void guestLeft(WebSocket guest) {
        guests.remove(guest);
    }

    /** The guest's own typing; its echo goes to the conversation's guests (the customer's connections). */
    synchronized void guestTyping(String echo) {
        guestTypingEvents++;
        push(echo);
    }

    /** The guest's own text; its echo goes to the conversation's guests (the customer's connections). */
    synchronized void guestMessage(String echo) {
        guestMessages++;
        push(echo);
    }

    synchronized Snapshot snapshot() {
        boolean seen = firstTraceMs != Long.MAX_VALUE;
        List<AgentParticipant> agents = agentsBySender.entrySet().stream()
                .filter(entry -> senders.containsKey(entry.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        return new Snapshot(
                id,
                seen ? firstTraceMs : createdAtMs,
                seen ? lastTraceMs : createdAtMs,
                customerParticipantId,
                customerCommunicationId,
                List.copyOf(agentsBySender.values()),
                agents.isEmpty() ? List.of(defaultAgent) : agents);
    }

    synchronized ConversationReport report() {
        List<SenderReport> senderReports = new ArrayList<>();
        List<Interval> all = new ArrayList<>();
        for (Map.Entry<String, Sender> entry : senders.entrySet()) {
            Sender sender = entry.getValue();
            List<Interval> intervals = sender.timeline.intervals(lastTraceMs);
            all.addAll(intervals);
            senderReports.add(new SenderReport(
                    entry.getKey(),
                    sender.dialect,
                    sender.typingPayloads,
                    sender.messages,
                    sender.framesPushed,
                    TypingTimeline.totalMs(intervals),
                    intervals));
        }
        List<Span> union = union(all);
        long visible = 0;
        for (Span span : union) {
            visible += span.end() - span.start();
        }
        // the guests whose close the simulator has not handled yet: a report without a guest implies that
        // the idle times its close starts have started (an open-socket count drops before they do)
        int connected = guests.size();
        return new ConversationReport(
                id, connected, guestSessions, guestTypingEvents, guestMessages, visible, union, senderReports);
    }

    private static List<Span> union(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingLong(Interval::start));
        List<Span> spans = new ArrayList<>();
        long start = 0;
        long end = Long.MIN_VALUE;
        for (Interval interval : sorted) {
            if (interval.end() <= interval.start()) {
                continue;
            }
            if (end != Long.MIN_VALUE && interval.start() <= end) {
                end = Math.max(end, interval.end());
            } else {
                if (end != Long.MIN_VALUE) {
                    spans.add(new Span(start, end));
                }
                start = interval.start();
                end = interval.end();
            }
        }
        if (end != Long.MIN_VALUE) {
            spans.add(new Span(start, end));
        }
        return spans;
    }
}
