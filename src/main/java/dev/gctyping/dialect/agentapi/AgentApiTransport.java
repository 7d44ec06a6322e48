package dev.gctyping.dialect.agentapi;

import dev.gctyping.client.ClientException;
import dev.gctyping.client.PlatformApi;
import dev.gctyping.client.RequestStats;
import dev.gctyping.dialect.AgentDeliveries;
import dev.gctyping.dialect.DeliveryStats;
import dev.gctyping.dialect.LatencyProbe;
import dev.gctyping.dialect.PayloadTransport;
import dev.gctyping.dialect.WireSend;
import dev.gctyping.engine.AgentState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * agent-api's transport: an On → {@code POST …/typing}, a message → {@code POST …/messages}.
 * Conversations send concurrently, each one's requests strictly in order (a 429's
 * {@code Retry-After} or a 5xx backoff delays the calls behind it in that conversation instead of
 * reordering them). At most {@code queueLimit} requests wait or fly at once: beyond that the replay
 * waits for room (backpressure), so a slow or failing API costs time, never data.
 */
final class AgentApiTransport implements PayloadTransport {
    private static final Logger LOG = LoggerFactory.getLogger(AgentApiTransport.class);
    private static final String PLACEHOLDER_TEXT = "(message sent by gctyping replay)";
    /** Requests in flight at once, across conversations: enough to hide a slow API's latency. */
    private static final int SENDERS = 32;

    private final PlatformApi api;
    private final boolean simulator;
    private final LatencyProbe latency;
    private final AgentDeliveries deliveries = new AgentDeliveries();
    private final Semaphore room;
    private final ExecutorService senders;
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    /** Each agent's messages communication (by engine handle): named by the trace, or resolved on first use. */
    private final Map<Integer, String> agentCommunications = new ConcurrentHashMap<>();

    private final Object settled = new Object();
    private int pending;

    /**
     * @param simulator whether the target is a simulator, which accepts a communication per agent
     *     (a conversation with several agents, after a transfer, then shows each one's typing apart)
     */
    AgentApiTransport(PlatformApi api, boolean simulator, int queueLimit, LatencyProbe latency) {
        this.api = api;
        this.simulator = simulator;
        this.latency = latency;
        this.room = new Semaphore(queueLimit);
        this.senders = Executors.newFixedThreadPool(SENDERS, runnable -> {
            Thread thread = new Thread(runnable, "agent-api-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void send(AgentState agent, WireSend send) {
        String conversation = agent.conversationId();
        long at = send.at();
        Call call;
        String what;
        if (send.kind() == WireSend.Kind.TYPING_ON) {
            long durationMs = send.durationMs();
            what = "typing On for " + conversation;
            call = (communication, stats) -> api.sendTyping(conversation, communication, durationMs, at, stats);
            latency.emitted(conversation, at);
        } else if (send.kind() == WireSend.Kind.MESSAGE) {
            String body = messageText(send.text());
            what = "message for " + conversation;
            call = (communication, stats) -> api.sendMessage(conversation, communication, body, at, stats);
        } else {
            throw new IllegalArgumentException("the agent API has no typing Off");
        }
        DeliveryStats stats = deliveries.of(agent);
        stats.countSent();
        try {
            room.acquire(); // backpressure: the replay waits while the API is behind
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stats.recordLoss(what + ": not sent, the replay was stopped");
            return;
        }
        synchronized (settled) {
            pending++;
        }
        conversations.computeIfAbsent(conversation, Conversation::new).offer(new Request(agent, stats, what, call));
    }

    /** A send the plan granted a lookup is held (a paced replay's opening): the lookup goes now, in its conversation's turn. */
    @Override
    public CompletableFuture<?> prepare(AgentState agent, WireSend send) {
        if (send.requests() < 2) {
            return CompletableFuture.completedFuture(null); // nothing goes before it
        }
        LookUp lookUp = new LookUp(agent, new CompletableFuture<>());
        conversations.computeIfAbsent(agent.conversationId(), Conversation::new).offer(lookUp);
        return lookUp.done();
    }

    @Override
    public CompletableFuture<?> open(String conversationId, CompletableFuture<?> guestReady) {
        conversations.computeIfAbsent(conversationId, Conversation::new).ready = guestReady;
        return guestReady; // HTTP: nothing to open
    }

    /** A trace's send without text still posts a message, so the guest's indicator ends as it would. */
    static String messageText(String text) {
        return text == null || text.isEmpty() ? PLACEHOLDER_TEXT : text;
    }

    /** One HTTP call, given the communication to use and the counters of its attempts. */
    private interface Call {
        void run(String communication, RequestStats attempts);
    }

    /** What a conversation's sender does in its turn. */
    private interface Job {
        void run(Conversation conversation);

        /** The replay was stopped before its turn came. */
        void abandon();
    }

    /** A queued call, with what it is for, so it can be accounted for whatever happens. */
    private record Request(AgentState agent, DeliveryStats stats, String what, Call call) implements Job {
        @Override
        public void run(Conversation conversation) {
            conversation.deliver(this);
        }

        @Override
        public void abandon() {
            stats.recordLoss(what + ": not sent, the replay was stopped");
        }
    }

    /** The agent's communication looked up ahead of its first send; a failure is left for that send to meet. */
    private record LookUp(AgentState agent, CompletableFuture<Void> done) implements Job {
        @Override
        public void run(Conversation conversation) {
            try {
                conversation.communicationOf(agent);
            } catch (ClientException e) {
                LOG.debug("looking up {} ahead failed: {}", agent.conversationId(), e.getMessage());
            } finally {
                done.complete(null);
            }
        }

        @Override
        public void abandon() {
            done.complete(null);
        }
    }

    /** One conversation's requests, sent in order by one sender at a time. */
    private final class Conversation {
        private final String id;
        private final ArrayDeque<Job> queue = new ArrayDeque<>();
        private boolean sending;
        /** Its first request waits for this (a watching guest joining), briefly. */
        volatile CompletableFuture<?> ready = CompletableFuture.completedFuture(null);
        /** The conversation's agent participant's communication, looked up once (by its sender). */
        private String looked;

        private int firstAgent = -1;
        /** Communications this simulator has been told about. */
        private final Set<String> joined = new HashSet<>();

        Conversation(String id) {
            this.id = id;
        }

        void offer(Job job) {
            synchronized (this) {
                queue.add(job);
                if (sending) {
                    return;
                }
                sending = true;
            }
            senders.execute(this::sendAll);
        }

        private void sendAll() {
            awaitReady(ready);
            while (true) {
                Job next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null) {
                        sending = false;
                        return;
                    }
                }
                next.run(this);
            }
        }

        /** Abandons what was never sent (the replay was stopped). */
        synchronized void abandon() {
            for (Job job = queue.poll(); job != null; job = queue.poll()) {
                job.abandon();
                if (job instanceof Request) {
                    done();
                }
            }
        }

        void deliver(Request request) {
            RequestStats attempts = new RequestStats();
            try {
                request.call().run(communicationOf(request.agent()), attempts);
                request.stats().countDelivered();
            } catch (ClientException e) {
                LOG.warn("{} lost: {}", request.what(), e.getMessage());
                request.stats().recordLoss(request.what() + ": " + e.getMessage());
            } finally {
                request.stats().countRetries(attempts.retries() + attempts.reauthentications());
                request.stats().countRateLimited(attempts.rateLimitedCount());
                done();
            }
        }

        /**
         * The agent's messages communication: named by the trace, else the conversation's agent
         * participant, used by its first agent. Later agents of the same conversation (a transfer) get
         * their own id on a simulator; a real org has one agent communication per participant that only
         * its own user may use, so there they share the looked-up one. A simulator refuses communications
         * that are no agent participant's, as an org does, so the ids it did not hand out (the trace's
         * own, the later agents') join it first as agents, once each.
         */
        String communicationOf(AgentState agent) {
            String communication = agentCommunications.get(agent.handle());
            if (communication == null) {
                if (firstAgent < 0) {
                    firstAgent = agent.handle();
                }
                communication = firstAgent == agent.handle() || !simulator
                        ? lookUp()
                        : UUID.nameUUIDFromBytes((id + "/" + agent.agentId()).getBytes(StandardCharsets.UTF_8))
                                .toString();
                agentCommunications.put(agent.handle(), communication);
            }
            if (simulator && !communication.equals(looked) && joined.add(communication)) {
                api.joinSimulatedAgent(id, communication, agent.agentId());
            }
            return communication;
        }

        private String lookUp() {
            if (looked == null) {
                looked = api.conversation(id)
                        .agentCommunicationId()
                        .orElseThrow(() ->
                                new ClientException("conversation " + id + " has no agent participant to type as"));
            }
            return looked;
        }
    }

    private static void awaitReady(CompletableFuture<?> ready) {
        try {
            ready.get(GUEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the guest did not join in time: send anyway, unwatched
        }
    }

    private void done() {
        room.release();
        synchronized (settled) {
            pending--;
            settled.notifyAll();
        }
    }

    @Override
    public boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (settled) {
            for (long left = timeout.toNanos(); pending > 0 && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(settled, left);
            }
            return pending == 0;
        }
    }

    @Override
    public int pending() {
        synchronized (settled) {
            return pending;
        }
    }

    @Override
    public DeliveryStats delivery(AgentState agent) {
        return deliveries.of(agent);
    }

    @Override
    public DeliveryStats delivered() {
        return deliveries.total();
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

    /** Stops sending: calls in flight are interrupted and what never left counts as lost, with the reason. */
    @Override
    public void close() {
        senders.shutdownNow();
        conversations.values().forEach(Conversation::abandon);
        try {
            senders.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
