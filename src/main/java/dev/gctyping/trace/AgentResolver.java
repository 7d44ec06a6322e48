package dev.gctyping.trace;

/** Turns a (conversationId, agentId) pair into the engine's dense agent handle. */
@FunctionalInterface
public interface AgentResolver {
    int agent(String conversationId, String agentId);
}
