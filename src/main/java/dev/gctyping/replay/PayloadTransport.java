package dev.gctyping.replay;

import dev.gctyping.engine.AgentState;
import java.time.Duration;

/**
 * Where a replay's payloads go: a dialect's wire client. Calls come from the replay thread in
 * emission order; implementations queue, retry and account for every payload, so each one ends
 * as delivered or lost with a reason, never silently dropped.
 */
public interface PayloadTransport extends PayloadSink, AutoCloseable {

    /** Waits (bounded) until everything queued is delivered or given up. */
    void drain(Duration timeout) throws InterruptedException;

    /** What happened to this agent's payloads so far. */
    DeliveryStats delivery(AgentState agent);

    /** The id under which the server records this agent's typing (seed: the agent id; agent-api: its communication id). */
    String senderId(AgentState agent);

    /** The trace names the agent's messages communication: use it rather than looking one up. */
    default void useCommunication(AgentState agent, String communicationId) {
    }

    /** How often the connection carrying this conversation was reopened. */
    int reconnects(String conversationId);

    @Override
    void close();
}
