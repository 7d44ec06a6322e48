package dev.gctyping.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * The dedup/expiry engine. Pure: no I/O, no threads, no clock; time enters as each call's
 * {@code at} (epoch millis) and must never go backwards. The same engine runs a trace at full
 * speed (trace timestamps) or live (a real clock's readings).
 *
 * <p>Rules, per (conversationId, agentId):
 * <ul>
 *   <li>keystroke at t: idle → {@code active}; typing and {@code t - lastActive >= W} →
 *       {@code active} (refresh); otherwise suppressed. Every keystroke moves the deadline to t + E.
 *   <li>send / blur at t: if typing → {@code inactive} at t, idle. A send is always counted.
 *   <li>a deadline d that is reached fires {@code inactive} at exactly d, before any event at a
 *       time ≥ d; {@link #finish()} fires all that remain.
 * </ul>
 *
 * <p>Timers: one {@link ExpiryOrder} for all agents, the typing agents in the order their deadlines
 * fall due. With a fixed E each new deadline is the latest, so a keystroke and an expiry cost O(1).
 */
public final class TypingEngine implements AgentActivity {
    /*
     * Each agent's typing state and counters, longs in its block of the expiry order (after the
     * deadline and links), so that among 100 000 agents an event misses on one place, not on an
     * object, its fields and its timer links apart. Typing is being in the expiry order. What a
     * keystroke touches comes first, next to the deadline and links.
     */
    private static final int RUN_STARTED_AT = ExpiryOrder.FREE;
    private static final int LAST_ACTIVE_AT = RUN_STARTED_AT + 1;
    static final int KEYSTROKES = LAST_ACTIVE_AT + 1;
    static final int BURSTS = KEYSTROKES + 1;
    static final int ACTIVE_SENT = BURSTS + 1;
    static final int REFRESHES = ACTIVE_SENT + 1;
    static final int SUPPRESSED = REFRESHES + 1;
    static final int INACTIVE_SENT = SUPPRESSED + 1;
    static final int EXPIRIES = INACTIVE_SENT + 1;
    static final int MESSAGES = EXPIRIES + 1;
    static final int BLURS = MESSAGES + 1;
    static final int TYPING_MS = BLURS + 1;
    static final int LONGEST_BURST_MS = TYPING_MS + 1;
    /** Longs per agent: 128 bytes, two cache lines. */
    private static final int STRIDE = 16;

    private final TypingListener listener;
    /** The agents' identities, by handle, for listeners and readers; the hot path only hands them over. */
    private AgentState[] agents = new AgentState[64];

    private int agentCount;
    private final ExpiryOrder expiries = new ExpiryOrder(STRIDE);
    private EngineSettings settings;
    private long now = Long.MIN_VALUE;

    /**
     * The keys' handles by hash, open addressing: {@code handle + 1}, 0 for a free slot. No key
     * object, boxed handle or map entry per agent: with 100 000 agents those cost 8 MB.
     */
    private int[] table = new int[128];
    /** Each key's {@link #hash}, by handle: probing and growing the table never touch the agents. */
    private int[] hashes = new int[64];

    public TypingEngine(EngineSettings settings, TypingListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /** The handle of a (conversation, agent) key, created idle on first use. */
    public int agent(String conversationId, String agentId) {
        int hash = hash(conversationId, agentId);
        int mask = table.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            int handle = table[i] - 1;
            if (handle < 0) {
                return add(i, hash, conversationId, agentId);
            }
            if (hashes[handle] == hash
                    && agents[handle].conversationId().equals(conversationId)
                    && agents[handle].agentId().equals(agentId)) {
                return handle;
            }
        }
    }

    private int add(int slot, int hash, String conversationId, String agentId) {
        int handle = agentCount++;
        if (handle == agents.length) {
            agents = Arrays.copyOf(agents, handle * 2);
            hashes = Arrays.copyOf(hashes, handle * 2);
        }
        agents[handle] = new AgentState(this, handle, conversationId, agentId);
        expiries.ensure(handle);
        hashes[handle] = hash;
        table[slot] = handle + 1;
        if (agentCount * 2 > table.length) {
            int[] grown = new int[table.length * 2];
            int mask = grown.length - 1;
            for (int h = 0; h < agentCount; h++) {
                int i = hashes[h] & mask;
                while (grown[i] != 0) {
                    i = (i + 1) & mask;
                }
                grown[i] = h + 1;
            }
            table = grown;
        }
        return handle;
    }

    /**
     * Scrambles the conversation's hash before mixing in the agent's: ids that differ the same way
     * ("conv-000123" with "agent-000123") vary in the same low bits, and {@code 31 * a + b} would
     * cancel them out. The final multiply and shift spread every bit into the low ones the table
     * uses.
     */
    private static int hash(String conversationId, String agentId) {
        int h = (Integer.rotateLeft(conversationId.hashCode() * 0x9E3779B9, 16) ^ agentId.hashCode()) * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    @Override
    public void keystroke(int agent, long at) {
        advanceTo(at);
        long[] b = expiries.blocks();
        int o = block(agent);
        b[o + KEYSTROKES]++;
        boolean typing = expiries.contains(agent);
        // scheduled before the listener hears of it: it sees the agent typing
        expiries.schedule(agent, at + settings.expiryMs());
        if (!typing) {
            b[o + RUN_STARTED_AT] = at;
            b[o + BURSTS]++;
            emit(b, agent, Signal.ACTIVE_START, at);
        } else if (at - b[o + LAST_ACTIVE_AT] >= settings.dedupWindowMs()) {
            b[o + REFRESHES]++;
            emit(b, agent, Signal.ACTIVE_REFRESH, at);
        } else {
            b[o + SUPPRESSED]++;
        }
    }

    @Override
    public void send(int agent, long at) {
        advanceTo(at);
        expiries.blocks()[block(agent) + MESSAGES]++;
        if (expiries.contains(agent)) {
            stop(agent, Signal.INACTIVE_SENT, at);
        }
    }

    @Override
    public void blur(int agent, long at) {
        advanceTo(at);
        expiries.blocks()[block(agent) + BLURS]++;
        if (expiries.contains(agent)) {
            stop(agent, Signal.INACTIVE_BLURRED, at);
        }
    }

    /** Where the agent's block starts; a handle never returned by {@link #agent} is refused. */
    private int block(int agent) {
        return Objects.checkIndex(agent, agentCount) * STRIDE;
    }

    /** Lets time pass: fires, in order, every deadline {@code <= time}. */
    public void advanceTo(long time) {
        if (time < now) {
            throw new IllegalArgumentException("time went backwards: " + time + " < " + now);
        }
        fireDeadlinesUpTo(time);
        now = time;
    }

    /** End of input: fires every remaining deadline, so every {@code active} run is closed. */
    public void finish() {
        fireDeadlinesUpTo(Long.MAX_VALUE);
    }

    /** The next time something will fire on its own, or {@link Long#MAX_VALUE}; for live drivers' timers. */
    public long nextDeadline() {
        return expiries.isEmpty() ? Long.MAX_VALUE : expiries.deadline(expiries.first());
    }

    private void fireDeadlinesUpTo(long time) {
        while (!expiries.isEmpty() && expiries.deadline(expiries.first()) <= time) {
            int agent = expiries.first();
            long deadline = expiries.deadline(agent);
            now = Math.max(now, deadline);
            stop(agent, Signal.INACTIVE_EXPIRED, deadline);
        }
    }

    /** The listener is called last: it may read the agent's state, which is then complete. */
    private void stop(int agent, Signal signal, long at) {
        expiries.remove(agent);
        long[] b = expiries.blocks();
        int o = block(agent);
        long run = at - b[o + RUN_STARTED_AT];
        b[o + TYPING_MS] += run;
        b[o + LONGEST_BURST_MS] = Math.max(b[o + LONGEST_BURST_MS], run);
        if (signal == Signal.INACTIVE_EXPIRED) {
            b[o + EXPIRIES]++; // sends and blurs are counted by their own events, typing or not
        }
        b[o + INACTIVE_SENT]++;
        listener.onSignal(agents[agent], signal, at);
    }

    private void emit(long[] b, int agent, Signal signal, long at) {
        int o = block(agent);
        b[o + ACTIVE_SENT]++;
        b[o + LAST_ACTIVE_AT] = at;
        listener.onSignal(agents[agent], signal, at);
    }

    public AgentState state(int agent) {
        return agents[Objects.checkIndex(agent, agentCount)];
    }

    /** One of an agent's counters (an index into its block, above), for its {@link AgentState}. */
    long counter(int agent, int field) {
        return expiries.blocks()[block(agent) + field];
    }

    boolean typing(int agent) {
        return expiries.contains(agent);
    }

    long deadline(int agent) {
        return expiries.deadline(agent);
    }

    public int agentCount() {
        return agentCount;
    }

    /** The time of the latest event or fired deadline. */
    public long now() {
        return now;
    }

    public EngineSettings settings() {
        return settings;
    }

    /** Changes W and E from now on (the live prompt's {@code :set}); running deadlines keep their time. */
    public void settings(EngineSettings changed) {
        this.settings = changed;
    }
}
