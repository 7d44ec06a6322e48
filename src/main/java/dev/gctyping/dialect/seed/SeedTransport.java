package dev.gctyping.dialect.seed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.client.ConversationSocket;
import dev.gctyping.client.OAuthClient;
import dev.gctyping.client.ReconnectingSocket;
import dev.gctyping.client.SocketSettings;
import dev.gctyping.client.Target;
import dev.gctyping.engine.AgentState;
import dev.gctyping.dialect.AgentDeliveries;
import dev.gctyping.dialect.DeliveryStats;
import dev.gctyping.dialect.LatencyProbe;
import dev.gctyping.dialect.PayloadTransport;
import dev.gctyping.dialect.WireSend;
import dev.gctyping.protocol.IsoMillis;
import dev.gctyping.protocol.SeedPayload;
import dev.gctyping.support.Json;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code seed} dialect: one conversation socket per conversation, opened on its first payload.
 * Every payload stays queued until the simulator acknowledges it; while a socket is down payloads
 * wait (bounded), and after a reconnect everything unacknowledged is sent again, in order (the
 * simulator ignores a payload it already has). So a drop loses nothing: a payload ends acknowledged,
 * or reported lost (queue full, or still unacknowledged at the end).
 */
final class SeedTransport implements PayloadTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SeedTransport.class);

    private final Target target;
    private final OAuthClient oauth;
    private final SocketSettings settings;
    private final int queueLimit;
    private final LatencyProbe latency;
    private final AgentDeliveries deliveries = new AgentDeliveries();
    private final Map<String, Conversation> conversations = new HashMap<>();
    private final SeedPayload encoder = new SeedPayload();
    private final IsoMillis timestamps = new IsoMillis();

    SeedTransport(Target target, OAuthClient oauth, SocketSettings settings, int queueLimit, LatencyProbe latency) {
        this.target = target;
        this.oauth = oauth;
        this.settings = settings;
        this.queueLimit = queueLimit;
        this.latency = latency;
    }

    /**
     * A payload waiting for its acknowledgement. The ack echoes sender, timestamp and state, which
     * together name the payload: a payload sent twice around a reconnect gets two acks, and only
     * the first may count.
     */
    private record Pending(String json, String key, DeliveryStats stats) {
        static String key(String senderId, String timestamp, String state) {
            return senderId + '\u0000' + timestamp + '\u0000' + state;
        }
    }

    /** Resynchronisation payloads are not the engine's: their acknowledgements are counted apart. */
    private final DeliveryStats resyncs = new DeliveryStats();

    /** One conversation's socket and its unacknowledged payloads (oldest first). */
    private final class Conversation implements ReconnectingSocket.Listener {
        final String id;
        final ArrayDeque<Pending> unacknowledged = new ArrayDeque<>();
        /** Each agent's last {@code active}, while it is typing: re-sent after a reconnect. */
        final Map<String, Pending> typingAgents = new HashMap<>();
        ConversationSocket socket;
        /**
         * True once the current connection has been brought up to date (everything unacknowledged
         * sent again): until then new payloads only queue, or they would overtake older ones and
         * the server would take the older ones for resends.
         */
        boolean current;

        Conversation(String id) {
            this.id = id;
        }

        synchronized void enqueue(String agentId, boolean active, Pending pending) {
            if (active) {
                typingAgents.put(agentId, pending);
            } else {
                typingAgents.remove(agentId);
            }
            if (unacknowledged.size() >= queueLimit) {
                pending.stats().recordLoss("queue full (" + queueLimit + " payloads) while the socket of " + id + " was down");
                return;
            }
            unacknowledged.add(pending);
            pending.stats().countSent();
            if (current && socket.isOpen()) {
                socket.send(pending.json());
                latency.emitted(id);
            }
        }

        @Override
        public synchronized void onOpen(int connection) {
            current = true;
            if (connection > 1) {
                LOG.info("conversation {}: socket reopened; resending {} unacknowledged payload(s)", id, unacknowledged.size());
                for (Pending pending : unacknowledged) {
                    pending.stats().countRetries(1);
                    socket.send(pending.json());
                }
                // agents still typing: their state is sent again, so a server that lost it shows it again
                for (Pending lastActive : typingAgents.values()) {
                    if (unacknowledged.stream().noneMatch(p -> p.key().equals(lastActive.key()))) {
                        unacknowledged.add(new Pending(lastActive.json(), lastActive.key(), resyncs));
                        socket.send(lastActive.json());
                    }
                }
            }
        }

        @Override
        public synchronized void onText(String text) {
            JsonNode frame = Json.parse(text);
            if (frame != null && frame.path("type").asText().equals("ack")) {
                String key = Pending.key(frame.path("senderId").asText(), frame.path("timestamp").asText(), frame.path("state").asText());
                for (Iterator<Pending> it = unacknowledged.iterator(); it.hasNext(); ) {
                    Pending pending = it.next();
                    if (pending.key().equals(key)) {
                        it.remove();
                        pending.stats().countDelivered();
                        notifyAll();
                        break; // a second ack for the same payload (it was sent twice) finds nothing
                    }
                }
            } else if (frame != null && frame.path("type").asText().equals("error")) {
                LOG.warn("conversation {}: the server refused a payload: {}", id, frame.path("message").asText());
                Pending refused = unacknowledged.poll();
                if (refused != null) {
                    refused.stats().recordLoss("refused by the server: " + frame.path("message").asText());
                    notifyAll();
                }
            }
        }

        @Override
        public synchronized void onReconnecting(int attempt, Duration delay, int closeCode, String reason) {
            current = false;
        }

        @Override
        public synchronized void onClosed(int closeCode, String reason) {
            current = false;
            notifyAll();
        }

        synchronized void awaitAcknowledged(long deadlineNanos) throws InterruptedException {
            while (!unacknowledged.isEmpty() && System.nanoTime() < deadlineNanos) {
                long waitMs = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
                wait(Math.min(waitMs, 100));
            }
            for (Pending pending : unacknowledged) {
                if (pending.stats() == resyncs) {
                    continue;
                }
                pending.stats().recordLoss("not acknowledged by the end of the replay (socket of " + id
                        + (socket.isOpen() ? " open" : " down") + ")");
            }
            unacknowledged.clear();
        }
    }

    /** A frame per send: {@code active} for an On, {@code inactive} for an Off (the seed plan sends no messages). */
    @Override
    public void send(AgentState agent, WireSend send) {
        boolean active = send.kind() == WireSend.Kind.TYPING_ON;
        String json = encoder.encode(agent.conversationId(), agent.agentId(), send.at(), active).toString();
        String key = Pending.key(agent.agentId(), timestamps.format(send.at()), active ? "active" : "inactive");
        conversation(agent.conversationId()).enqueue(agent.agentId(), active, new Pending(json, key, deliveries.of(agent)));
    }

    private Conversation conversation(String id) {
        Conversation conversation = conversations.get(id);
        if (conversation == null) {
            conversation = new Conversation(id);
            conversation.socket = new ConversationSocket(target, oauth, id, settings, conversation);
            conversations.put(id, conversation);
            try {
                if (!conversation.socket.connect(Duration.ofSeconds(10))) {
                    LOG.warn("conversation {}: socket not open yet; payloads wait for it", id);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return conversation;
    }

    @Override
    public void drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Conversation conversation : conversations.values()) {
            conversation.awaitAcknowledged(deadline);
        }
    }

    @Override
    public DeliveryStats delivery(AgentState agent) {
        return deliveries.of(agent);
    }

    /** The server records a seed payload under its {@code senderId}: the agent id. */
    @Override
    public String senderId(AgentState agent) {
        return agent.agentId();
    }

    @Override
    public int reconnects(String conversationId) {
        Conversation conversation = conversations.get(conversationId);
        return conversation == null ? 0 : conversation.socket.reconnects();
    }

    @Override
    public void close() {
        conversations.values().forEach(c -> c.socket.close());
    }
}
