package dev.gctyping.engine;

/** Receives the engine's payloads, in emission order, synchronously. */
@FunctionalInterface
public interface TypingListener {
    /**
     * @param agent the (conversation, agent) key; {@link AgentState#handle()} is its dense index
     * @param signal what is emitted and why
     * @param at the payload's time (trace time, epoch millis): the event's time, or the deadline for expiries
     */
    void onSignal(AgentState agent, Signal signal, long at);
}
