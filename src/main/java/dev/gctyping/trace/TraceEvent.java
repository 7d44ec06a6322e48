package dev.gctyping.trace;

/**
 * One trace event. Readers reuse one instance per source, so the values are valid until that
 * source's next event; nothing is allocated per event on the common path.
 */
public final class TraceEvent {
    long ts;
    EventType type;
    int agent;
    /** The dense (conversationId, agentId) key of {@link AgentInterner}: the agent before it is resolved. */
    int key;

    String text;
    String communicationId;
    long line;
    int sourceIndex;

    public long ts() {
        return ts;
    }

    public EventType type() {
        return type;
    }

    /** The engine's handle for the (conversationId, agentId) pair. */
    public int agent() {
        return agent;
    }

    /** The message text of a {@code send}, if the trace has one. */
    public String text() {
        return text;
    }

    /** The agent's messages communication id, if the trace has one. */
    public String communicationId() {
        return communicationId;
    }

    /** 1-based line number in its file. */
    public long line() {
        return line;
    }

    /** Which input file (0-based, in command-line order). */
    public int sourceIndex() {
        return sourceIndex;
    }
}
