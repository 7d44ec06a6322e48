package dev.gctyping.dialect;

import dev.gctyping.engine.AgentState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A dialect's wire client: carries a plan's sends to the target. Calls come from the replay thread
 * in emission order; implementations queue, retry and account for every send, so each one ends as
 * delivered or lost with a reason, never silently dropped.
 */
public interface PayloadTransport extends AutoCloseable {

    /** How long a conversation's sends wait for a watching guest to join before they go anyway. */
    Duration GUEST_WAIT = Duration.ofSeconds(5);

    /**
     * Opens what the conversation's sends need once {@code guestReady} completes (at most
     * {@link #GUEST_WAIT}): a guest joining to watch sees them from the first. Sends queue meanwhile.
     * Called once per conversation, before its first send.
     *
     * @return what completes when the conversation can carry sends (its connection opened, or it never will)
     */
    CompletableFuture<?> open(String conversationId, CompletableFuture<?> guestReady);

    /**
     * Makes ahead what the send needs before it can go (agent-api: the lookup the plan granted it),
     * while it is held: a paced replay's opening. The send itself follows later through {@link #send}.
     *
     * @return what completes when that is done (or failed: the send then tries again itself)
     */
    default CompletableFuture<?> prepare(AgentState agent, WireSend send) {
        return CompletableFuture.completedFuture(null);
    }

    /** Sends (or queues) one of the plan's sends for this agent. */
    void send(AgentState agent, WireSend send);

    /**
     * Waits, at most {@code timeout}, until every send is delivered or has definitively failed.
     *
     * @return true when nothing is pending any more
     */
    boolean drain(Duration timeout) throws InterruptedException;

    /** Sends handed over and not yet delivered or failed. */
    int pending();

    /** What happened to this agent's payloads so far. */
    DeliveryStats delivery(AgentState agent);

    /** All agents' payloads sent and delivered so far (read while the replay runs, for progress). */
    DeliveryStats delivered();

    /** The id under which the server records this agent's typing (seed: the agent id; agent-api: its communication id). */
    String senderId(AgentState agent);

    /** The trace names the agent's messages communication: use it rather than looking one up. */
    default void useCommunication(AgentState agent, String communicationId) {}

    /** How often the connection carrying this conversation was reopened. */
    int reconnects(String conversationId);

    @Override
    void close();
}
