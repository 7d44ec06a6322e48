package dev.gctyping.dialect.seed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.client.ConversationSocket;
import dev.gctyping.client.OAuthClient;
import dev.gctyping.client.ReconnectingSocket;
import dev.gctyping.client.SocketSettings;
import dev.gctyping.client.Target;
import dev.gctyping.dialect.AgentDeliveries;
import dev.gctyping.dialect.DeliveryStats;
import dev.gctyping.dialect.LatencyProbe;
import dev.gctyping.dialect.PayloadTransport;
import dev.gctyping.dialect.WireSend;
import dev.gctyping.engine.AgentState;
import dev.gctyping.protocol.IsoMillis;
import dev.gctyping.protocol.SeedPayload;
import dev.gctyping.support.Json;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        /** Reconnecting gave up, or the transport closed: nothing more will be acknowledged. */
        boolean closedForGood;
        /** Completes when the socket first opens, or closes for good without. */
        final CompletableFuture<Void> opened = new CompletableFuture<>();

        String closeReason;

        Conversation(String id) {
            this.id = id;
        }

        synchronized void enqueue(String agentId, boolean active, Pending pending) {
            pending.stats().countSent();
            try {
                while (unacknowledged.size() >= queueLimit && !closedForGood) {
                    wait(); // backpressure: the replay waits while the socket is behind
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.stats().recordLoss("not sent, the replay was stopped");
                return;
            }
            if (closedForGood) {
                pending.stats().recordLoss("the socket of " + id + " is closed for good: " + closeReason);
                return;
            }
            if (active) {
                typingAgents.put(agentId, pending);
            } else {
                typingAgents.remove(agentId);
            }
            unacknowledged.add(pending);
            if (current && socket.isOpen()) {
                socket.send(pending.json());
            }
        }

        /** Sends what queued while the socket was not open: on a reopen, everything unacknowledged again, in order. */
        @Override
        public synchronized void onOpen(int connection) {
            current = true;
            opened.complete(null);
            boolean reopened = connection > 1;
            if (reopened) {
                LOG.debug(
                        "conversation {}: socket reopened; resending {} unacknowledged payload(s)",
                        id,
                        unacknowledged.size());
            }
            for (Pending pending : unacknowledged) {
                if (reopened) {
                    pending.stats().countRetries(1);
                }
                socket.send(pending.json());
            }
            if (reopened) {
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
                String key = Pending.key(
                        frame.path("senderId").asText(),
                        frame.path("timestamp").asText(),
                        frame.path("state").asText());
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
                LOG.warn(
                        "conversation {}: the server refused a payload: {}",
                        id,
                        frame.path("message").asText());
                Pending refused = unacknowledged.poll();
                if (refused != null) {
                    refused.stats()
                            .recordLoss("refused by the server: "
                                    + frame.path("message").asText());
                    notifyAll();
                }
            }
        }

        @Override
        public synchronized void onReconnecting(int attempt, Duration delay, int closeCode, String reason) {
            current = false;
        }

        /** The socket gave up reconnecting (or was closed): what it still owes is lost, with the reason. */
        @Override
        public synchronized void onClosed(int closeCode, String reason) {
            current = false;
            abandon("the socket of " + id + " closed for good: " + reason);
        }

        synchronized void abandon(String reason) {
            if (!closedForGood) {
                closedForGood = true;
                closeReason = reason;
                for (Pending pending : unacknowledged) {
                    if (pending.stats() != resyncs) {
                        pending.stats().recordLoss("not acknowledged: " + reason);
                    }
                }
                unacknowledged.clear();
            }
            opened.complete(null);
            notifyAll();
        }

        /** Waits until everything sent is acknowledged or the socket closed for good; false at the deadline. */
        synchronized boolean awaitAcknowledged(long deadlineNanos) throws InterruptedException {
            for (long left = deadlineNanos - System.nanoTime();
                    !unacknowledged.isEmpty() && left > 0;
                    left = deadlineNanos - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return unacknowledged.isEmpty();
        }

        synchronized int pending() {
            return (int)
                    unacknowledged.stream().filter(p -> p.stats() != resyncs).count();
        }
    }

    /** A frame per send: {@code active} for an On, {@code inactive} for an Off (the seed plan sends no messages). */
    @Override
    public void send(AgentState agent, WireSend send) {
        boolean active = send.kind() == WireSend.Kind.TYPING_ON;
        String json = encoder.encode(agent.conversationId(), agent.agentId(), send.at(), active)
                .toString();
        String key = Pending.key(agent.agentId(), timestamps.format(send.at()), active ? "active" : "inactive");
        latency.emitted(agent.conversationId(), send.at());
        conversation(agent.conversationId())
                .enqueue(agent.agentId(), active, new Pending(json, key, deliveries.of(agent)));
    }

    /** The socket opens once the guest is ready (or after a few seconds): payloads queue meanwhile. */
    @Override
    public CompletableFuture<?> open(String conversationId, CompletableFuture<?> guestReady) {
        Conversation conversation = conversation(conversationId, false);
        guestReady
                .completeOnTimeout(null, GUEST_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((done, failed) -> conversation.socket.start());
        return conversation.opened;
    }

    private Conversation conversation(String id) {
        return conversation(id, true);
    }

    private Conversation conversation(String id, boolean start) {
        Conversation conversation = conversations.get(id);
        if (conversation == null) {
            conversation = new Conversation(id);
            conversation.socket = new ConversationSocket(target, oauth, id, settings, conversation);
            conversations.put(id, conversation);
            if (start) {
                conversation.socket.start(); // payloads queue until it opens: the replay never waits for a handshake
            }
        }
        return conversation;
    }

    @Override
    public boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean settled = true;
        for (Conversation conversation : conversations.values()) {
            settled &= conversation.awaitAcknowledged(deadline);
        }
        return settled;
    }

    @Override
    public int pending() {
        return conversations.values().stream().mapToInt(Conversation::pending).sum();
    }

    @Override
    public DeliveryStats delivery(AgentState agent) {
        return deliveries.of(agent);
    }

    @Override
    public DeliveryStats delivered() {
        return deliveries.total();
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

    /** Closes every socket; what is still unacknowledged then counts as lost. */
    @Override
    public void close() {
        conversations.values().forEach(c -> {
            c.abandon("the replay was stopped");
            c.socket.startClosing(); // their close handshakes overlap
        });
        conversations.values().forEach(c -> c.socket.close());
    }
}
