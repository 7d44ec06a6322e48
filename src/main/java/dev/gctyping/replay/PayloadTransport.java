package dev.gctyping.replay;

import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.Signal;
import java.time.Duration;

/**
 * Where a replay's payloads go: a dialect's wire client. Calls come from the replay thread in
 * emission order; implementations queue, retry and account for every payload, so each one ends
 * as delivered or lost with a reason, never silently dropped.
 */
public interface PayloadTransport extends AutoCloseable {
    /** A payload the engine emitted at trace time {@code at}. */
    void typing(AgentState agent, Signal signal, long at);

    /** The agent sent its message (a trace {@code send}), whatever the engine emitted for it. */
    void message(AgentState agent, String text, long at);

    /** Waits (bounded) until everything queued is delivered or given up. */
    void drain(Duration timeout) throws InterruptedException;

    /** What happened to this agent's payloads so far. */
    DeliveryStats delivery(AgentState agent);

    @Override
    void close();
}
