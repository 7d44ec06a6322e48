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
    private final TypingListener listener;
    /** By handle; an array rather than a list, as every event looks one up. */
    private AgentState[] agents = new AgentState[64];

    private int agentCount;
    private final ExpiryOrder expiries = new ExpiryOrder();
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
        agents[handle] = new AgentState(handle, conversationId, agentId);
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
        AgentState a = agents[agent];
        a.keystrokes++;
        if (!a.typing) {
            a.typing = true;
            a.runStartedAt = at;
            a.bursts++;
            emit(a, Signal.ACTIVE_START, at);
        } else if (at - a.lastActiveAt >= settings.dedupWindowMs()) {
            a.refreshes++;
            emit(a, Signal.ACTIVE_REFRESH, at);
        } else {
            a.suppressed++;
        }
        a.deadline = at + settings.expiryMs();
        expiries.schedule(agent, a.deadline);
    }

    @Override
    public void send(int agent, long at) {
        advanceTo(at);
        AgentState a = agents[agent];
        a.messages++;
        if (a.typing) {
            stop(a, Signal.INACTIVE_SENT, at);
        }
    }

    @Override
    public void blur(int agent, long at) {
        advanceTo(at);
        AgentState a = agents[agent];
        a.blurs++;
        if (a.typing) {
            stop(a, Signal.INACTIVE_BLURRED, at);
        }
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
            AgentState a = agents[expiries.first()];
            now = Math.max(now, a.deadline);
            stop(a, Signal.INACTIVE_EXPIRED, a.deadline);
        }
    }

    private void stop(AgentState a, Signal signal, long at) {
        a.typing = false;
        expiries.remove(a.handle());
        long run = at - a.runStartedAt;
        a.typingMs += run;
        a.longestBurstMs = Math.max(a.longestBurstMs, run);
        if (signal == Signal.INACTIVE_EXPIRED) {
            a.expiries++; // sends and blurs are counted by their own events, typing or not
        }
        a.inactiveSent++;
        listener.onSignal(a, signal, at);
    }

    private void emit(AgentState a, Signal signal, long at) {
        a.activeSent++;
        a.lastActiveAt = at;
        listener.onSignal(a, signal, at);
    }

    public AgentState state(int agent) {
        return agents[Objects.checkIndex(agent, agentCount)];
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
