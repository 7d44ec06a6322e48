package dev.gctyping.replay;

import dev.gctyping.client.ClientException;
import dev.gctyping.client.PlatformApi;
import dev.gctyping.client.RequestStats;
import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.Signal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code agent-api} dialect: {@code active} → {@code POST …/typing} with {@code On} lasting the
 * expiry; {@code inactive} → nothing (the API has no Off); a trace send → {@code POST …/messages}.
 * Requests leave in order from one sender thread, so a 429's {@code Retry-After} or a 5xx backoff
 * delays the calls behind it instead of reordering them. Refreshes are spent only while the
 * token's budget lasts; a burst's first On and messages always go.
 */
public final class AgentApiTransport implements PayloadTransport {
    private static final Logger LOG = LoggerFactory.getLogger(AgentApiTransport.class);
    private static final String PLACEHOLDER_TEXT = "(message sent by gctyping replay)";

    private final PlatformApi api;
    private final long durationMs;
    private final RequestBudget budget;
    private final LatencyProbe latency;
    private final AgentDeliveries deliveries = new AgentDeliveries();
    private final boolean simulator;
    /** The conversation's agent communication (looked up once), then each agent's, by engine handle. */
    private final Map<String, String> conversationCommunications = new HashMap<>();
    private final Map<Integer, String> agentCommunications = new HashMap<>();
    /** Communications a simulator has been told about ("conversation/communication"). */
    private final Set<String> joined = new HashSet<>();
    private final BlockingQueue<Request> queue;
    private final Thread sender;
    private volatile boolean closed;
    private int inFlight;

    /**
     * @param simulator whether the target is a simulator, which accepts a communication per agent
     *     (a conversation with several agents, after a transfer, then shows each one's typing apart)
     */
    public AgentApiTransport(PlatformApi api, boolean simulator, long durationMs, int requestsPerMinute, int queueLimit,
            LatencyProbe latency) {
        this.api = api;
        this.simulator = simulator;
        this.durationMs = durationMs;
        this.budget = new RequestBudget(requestsPerMinute);
        this.latency = latency;
        this.queue = new ArrayBlockingQueue<>(queueLimit);
        this.sender = new Thread(this::sendLoop, "agent-api-sender");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    @Override
    public void typing(AgentState agent, Signal signal, long at) {
        if (!signal.active()) {
            return; // no Off in the platform API: the guest's indicator lapses, or the message ends it
        }
        DeliveryStats stats = deliveries.of(agent);
        if (signal == Signal.ACTIVE_REFRESH && !budget.trySpend(at)) {
            stats.skippedForBudget.incrementAndGet();
            return;
        }
        if (signal == Signal.ACTIVE_START) {
            budget.spend(at);
        }
        String conversation = agent.conversationId();
        enqueue(stats, "typing On for " + conversation, agent, communication -> {
            latency.emitted(conversation);
            api.sendTyping(conversation, communication, durationMs, at);
        });
    }

    @Override
    public void message(AgentState agent, String text, long at) {
        budget.spend(at);
        String conversation = agent.conversationId();
        String body = text == null || text.isEmpty() ? PLACEHOLDER_TEXT : text;
        enqueue(deliveries.of(agent), "message for " + conversation, agent,
                communication -> api.sendMessage(conversation, communication, body, at));
    }

    /** A queued call, with what it is for, so it can be accounted for whatever happens. */
    private record Request(DeliveryStats stats, String what, Runnable call) {
    }

    /**
     * The agent's messages communication: the conversation's agent participant, looked up once per
     * conversation (on the replay thread, so a conversation's first payload waits for it) and used
     * by its first agent. Later agents of the same conversation (a transfer) get their own id on a
     * simulator; a real org has one agent communication per participant that only its own user may
     * use, so there they share the looked-up one. A simulator refuses communications that are no agent
     * participant's, as an org does, so the ids it did not hand out (the trace's own, the later agents')
     * join it first as agents.
     */
    private String communicationId(AgentState agent) {
        String conversation = agent.conversationId();
        String communication = agentCommunications.computeIfAbsent(agent.handle(), handle -> {
            boolean first = !conversationCommunications.containsKey(conversation);
            String looked = lookUp(conversation);
            return first || !simulator ? looked
                    : UUID.nameUUIDFromBytes((conversation + "/" + agent.agentId()).getBytes(StandardCharsets.UTF_8)).toString();
        });
        String key = conversation + "/" + communication;
        if (simulator && !communication.equals(conversationCommunications.get(conversation)) && !joined.contains(key)) {
            api.joinSimulatedAgent(conversation, communication, agent.agentId());
            joined.add(key);
        }
        return communication;
    }

    private String lookUp(String conversation) {
        return conversationCommunications.computeIfAbsent(conversation, id -> api.conversation(id)
                .agentCommunicationId()
                .orElseThrow(() -> new ClientException("conversation " + id + " has no agent participant to type as")));
    }

    private void enqueue(DeliveryStats stats, String what, AgentState agent, Consumer<String> call) {
        stats.sent.incrementAndGet();
        String communication;
        try {
            communication = communicationId(agent);
        } catch (ClientException e) {
            stats.lost(what + ": " + e.getMessage());
            return;
        }
        if (!queue.offer(new Request(stats, what, () -> call.accept(communication)))) {
            stats.lost(what + ": the send queue is full (" + queue.size() + " requests waiting)");
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
            stats.delivered.incrementAndGet();
        } catch (ClientException e) {
            LOG.warn("{} lost: {}", what, e.getMessage());
            stats.lost(what + ": " + e.getMessage());
        } finally {
            // one sender thread: the counters' growth during this call is this call's
            stats.retried.addAndGet(http.retries() + http.reauthentications() - retriesBefore);
            stats.rateLimited.addAndGet(http.rateLimitedCount() - rateLimitedBefore);
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
            abandoned.stats().lost(abandoned.what() + ": not sent before the replay ended");
        }
        queue.clear();
    }
}
