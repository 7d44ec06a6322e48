package dev.gctyping.engine;

/**
 * One (conversation, agent) key: its identity, and a read-only view of its typing state and the
 * counters the engine alone can know (which the {@link TypingEngine} keeps in its own arrays).
 */
public final class AgentState {
    private final TypingEngine engine;
    private final int handle;
    private final String conversationId;
    private final String agentId;

    AgentState(TypingEngine engine, int handle, String conversationId, String agentId) {
        this.engine = engine;
        this.handle = handle;
        this.conversationId = conversationId;
        this.agentId = agentId;
    }

    /** The dense index {@link TypingEngine#agent(String, String)} returned for this key. */
    public int handle() {
        return handle;
    }

    public String conversationId() {
        return conversationId;
    }

    public String agentId() {
        return agentId;
    }

    public boolean typing() {
        return engine.typing(handle);
    }

    /** When the current typing run will expire, if nothing else happens; meaningful only while typing. */
    public long deadline() {
        return engine.deadline(handle);
    }

    public long keystrokes() {
        return engine.counter(handle, TypingEngine.KEYSTROKES);
    }

    public long suppressed() {
        return engine.counter(handle, TypingEngine.SUPPRESSED);
    }

    /** Every {@code active} sent, refreshes included. */
    public long activeSent() {
        return engine.counter(handle, TypingEngine.ACTIVE_SENT);
    }

    public long refreshes() {
        return engine.counter(handle, TypingEngine.REFRESHES);
    }

    public long inactiveSent() {
        return engine.counter(handle, TypingEngine.INACTIVE_SENT);
    }

    public long expiries() {
        return engine.counter(handle, TypingEngine.EXPIRIES);
    }

    public long messages() {
        return engine.counter(handle, TypingEngine.MESSAGES);
    }

    public long blurs() {
        return engine.counter(handle, TypingEngine.BLURS);
    }

    /** Typing runs: from an {@code active} after idle to its {@code inactive}. */
    public long bursts() {
        return engine.counter(handle, TypingEngine.BURSTS);
    }

    /** Total time spent typing, summed over closed runs. */
    public long typingMs() {
        return engine.counter(handle, TypingEngine.TYPING_MS);
    }

    public long longestBurstMs() {
        return engine.counter(handle, TypingEngine.LONGEST_BURST_MS);
    }
}
