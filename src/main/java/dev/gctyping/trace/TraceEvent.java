package dev.gctyping.trace;

import dev.gctyping.engine.EngineSettings;

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
    /** Set by {@link EventType#SETTINGS} lines only; stale on any other. */
    EngineSettings settings;

    long line;
    int sourceIndex;

    public long ts() {
        return ts;
    }

    public EventType type() {
        return type;
    }

    /** The engine's handle for the (conversationId, agentId) pair; -1 for a {@link EventType#SETTINGS} line. */
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

    /** The settings a {@link EventType#SETTINGS} line changes to; meaningless for other events. */
    public EngineSettings settings() {
        return settings;
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
