package dev.gctyping.dialect.agentapi;

import dev.gctyping.client.ClientException;
import dev.gctyping.client.PlatformApi;
import dev.gctyping.client.RequestStats;
import dev.gctyping.engine.AgentState;
import dev.gctyping.dialect.AgentDeliveries;
import dev.gctyping.dialect.DeliveryStats;
import dev.gctyping.dialect.LatencyProbe;
import dev.gctyping.dialect.PayloadTransport;
import dev.gctyping.dialect.WireSend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * agent-api's transport: an On → {@code POST …/typing}, a message → {@code POST …/messages}.
 * Requests leave in order from one sender thread, so a 429's {@code Retry-After} or a 5xx backoff
 * delays the calls behind it instead of reordering them.
 */
final class AgentApiTransport implements PayloadTransport {
    private static final Logger LOG = LoggerFactory.getLogger(AgentApiTransport.class);
    private static final String PLACEHOLDER_TEXT = "(message sent by gctyping replay)";

    private final PlatformApi api;
    private final LatencyProbe latency;
    private final AgentDeliveries deliveries = new AgentDeliveries();
    private final boolean simulator;
    /** The conversation's agent communication (looked up once), then each agent's, by engine handle. */
    private final Map<String, String> conversationCommunications = new HashMap<>();
    private final Map<Integer, String> agentCommunications = new HashMap<>();
    private final BlockingQueue<Request> queue;
    private final Thread sender;
    private volatile boolean closed;
    private int inFlight;

    /**
     * @param simulator whether the target is a simulator, which accepts a communication per agent
     *     (a conversation with several agents, after a transfer, then shows each one's typing apart)
     */
    AgentApiTransport(PlatformApi api, boolean simulator, int queueLimit, LatencyProbe latency) {
        this.api = api;
        this.simulator = simulator;
        this.latency = latency;
        this.queue = new ArrayBlockingQueue<>(queueLimit);
        this.sender = new Thread(this::sendLoop, "agent-api-sender");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    @Override
    public void send(AgentState agent, WireSend send) {
        String conversation = agent.conversationId();
        long at = send.at();
        if (send.kind() == WireSend.Kind.TYPING_ON) {
            long durationMs = send.durationMs();
            enqueue(deliveries.of(agent), "typing On for " + conversation, agent, communication -> {
                latency.emitted(conversation);
                api.sendTyping(conversation, communication, durationMs, at);
            });
        } else if (send.kind() == WireSend.Kind.MESSAGE) {
            String body = messageText(send.text());
            enqueue(deliveries.of(agent), "message for " + conversation, agent,
                    communication -> api.sendMessage(conversation, communication, body, at));
        } else {
            throw new IllegalArgumentException("the agent API has no typing Off");
        }
    }

    /** A trace's send without text still posts a message, so the guest's indicator ends as it would. */
    static String messageText(String text) {
        return text == null || text.isEmpty() ? PLACEHOLDER_TEXT : text;
    }

    /** A queued call, with what it is for, so it can be accounted for whatever happens. */
    private record Request(DeliveryStats stats, String what, Runnable call) {
    }

    /**
     * The agent's messages communication: the conversation's agent participant, looked up once per
     * conversation (on the replay thread, so a conversation's first payload waits for it) and used
     * by its first agent. Later agents of the same conversation (a transfer) get their own id from
     * a simulator, which accepts any; a real org has one agent communication per participant that
     * only its own user may use, so there they share the looked-up one.
     */
    private String communicationId(AgentState agent) {
        return agentCommunications.computeIfAbsent(agent.handle(), handle -> {
            String conversation = agent.conversationId();
            boolean first = !conversationCommunications.containsKey(conversation);
            String looked = conversationCommunications.computeIfAbsent(conversation, id -> api.conversation(id)
                    .agentCommunicationId()
                    .orElseThrow(() -> new ClientException("conversation " + id + " has no agent participant to type as")));
            return first || !simulator ? looked
                    : UUID.nameUUIDFromBytes((conversation + "/" + agent.agentId()).getBytes(StandardCharsets.UTF_8)).toString();
        });
    }

    private void enqueue(DeliveryStats stats, String what, AgentState agent, Consumer<String> call) {
        stats.countSent();
        String communication;
        try {
            communication = communicationId(agent);
        } catch (ClientException e) {
            stats.recordLoss(what + ": " + e.getMessage());
            return;
        }
        if (!queue.offer(new Request(stats, what, () -> call.accept(communication)))) {
            stats.recordLoss(what + ": the send queue is full (" + queue.size() + " requests waiting)");
            return;
        }
        synchronized (this) {
            inFlight++;
        }
    }

    private void deliver(DeliveryStats stats, String what, Runnable call) {
        RequestStats http = api.stats();
        long retriesBefore = http.retries() + http.reauthentications();
        long rateLimitedBefore = http.rateLimitedCount();
        try {
            call.run();
            stats.countDelivered();
        } catch (ClientException e) {
            LOG.warn("{} lost: {}", what, e.getMessage());
            stats.recordLoss(what + ": " + e.getMessage());
        } finally {
            // one sender thread: the counters' growth during this call is this call's
            stats.countRetries(http.retries() + http.reauthentications() - retriesBefore);
            stats.countRateLimited(http.rateLimitedCount() - rateLimitedBefore);
            synchronized (this) {
                inFlight--;
                notifyAll();
            }
        }
    }

    private void sendLoop() {
        while (!closed) {
            try {
                Request next = queue.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    deliver(next.stats(), next.what(), next.call());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0 && System.nanoTime() < deadline) {
            wait(Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    @Override
    public DeliveryStats delivery(AgentState agent) {
        return deliveries.of(agent);
    }

    @Override
    public void useCommunication(AgentState agent, String communicationId) {
        agentCommunications.put(agent.handle(), communicationId);
    }

    /** The server records agent-api typing under the path's communication id. */
    @Override
    public String senderId(AgentState agent) {
        return agentCommunications.get(agent.handle());
    }

    /** HTTP has no connection to reopen. */
    @Override
    public int reconnects(String conversationId) {
        return 0;
    }

    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        for (Request abandoned : queue) {
            abandoned.stats().recordLoss(abandoned.what() + ": not sent before the replay ended");
        }
        queue.clear();
    }
}
