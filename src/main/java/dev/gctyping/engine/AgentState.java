package dev.gctyping.engine;

/**
 * One (conversation, agent) key: its typing state and the counters the engine alone can know.
 * Mutated only by {@link TypingEngine}; everything public here is read-only.
 */
public final class AgentState {
    private final int handle;
    private final String conversationId;
    private final String agentId;

    /*
     * The JVM lays out longs first, in this order, then the references and the boolean: what a
     * keystroke touches comes last, next to typing, so that among 100 000 agents a keystroke
     * misses one or two cache lines of the object, not three.
     */
    long suppressed;
    long refreshes;
    long inactiveSent;
    long expiries;
    long messages;
    long blurs;
    long typingMs;
    long longestBurstMs;

    long keystrokes;
    long bursts;
    long activeSent;
    long runStartedAt;
    long lastActiveAt;
    long deadline;
    boolean typing;

    AgentState(int handle, String conversationId, String agentId) {
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
        return typing;
    }

    /** When the current typing run will expire, if nothing else happens; meaningful only while typing. */
    public long deadline() {
        return deadline;
    }

    public long keystrokes() {
        return keystrokes;
    }

    public long suppressed() {
        return suppressed;
    }

    /** Every {@code active} sent, refreshes included. */
    public long activeSent() {
        return activeSent;
    }

    public long refreshes() {
        return refreshes;
    }

    public long inactiveSent() {
        return inactiveSent;
    }

    public long expiries() {
        return expiries;
    }

    public long messages() {
        return messages;
    }

    public long blurs() {
        return blurs;
    }

    /** Typing runs: from an {@code active} after idle to its {@code inactive}. */
    public long bursts() {
        return bursts;
    }

    /** Total time spent typing, summed over closed runs. */
    public long typingMs() {
        return typingMs;
    }

    public long longestBurstMs() {
        return longestBurstMs;
    }
}
