package dev.gctyping.dialect;

import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.Signal;

/**
 * A dialect's decisions for one run: which of the engine's payloads and the agents' messages go on
 * the wire, and as what. Pure and on trace time, so a wire replay and {@code tune}'s model take the
 * same decisions for the same trace. Not thread-safe: one plan per run, called in emission order.
 */
public interface SendPlan {
    /** What the engine's payload becomes on the wire; null when nothing is sent. */
    WireSend typing(AgentState agent, Signal signal, long at);

    /** What the agent's message becomes on the wire; null when the dialect sends none. */
    WireSend message(AgentState agent, String text, long at);

    /** The engine's expiry changed mid-run (the live prompt's {@code :set expiry}). */
    default void expiryChanged(long expiryMs) {}

    /** The trace named this agent's messages communication: the transport need not look it up. */
    default void communicationNamed(AgentState agent) {}

    /** Refreshes of this agent (by engine handle) left out because the request budget was spent. */
    long skippedForBudget(int agent);
}
