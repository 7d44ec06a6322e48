package dev.gctyping.metrics;

import java.util.Arrays;

/**
 * How each agent types, from its raw events (the engine's counters say what was sent): inter-key
 * intervals within a message, and compose time from a message's first keystroke to its send.
 *
 * <p>Laid out for the replay's hot loop, which touches a random agent on every event: each field
 * is one array over all agents (a few kilobytes that stay in cache, where an object per agent
 * spreads over megabytes), and inter-key intervals are staged a few at a time per agent before
 * they go into the agent's histogram, so the histogram's cache misses overlap instead of adding up.
 */
final class Cadences {
    static final long NONE = Long.MIN_VALUE;
    private static final int STAGED = 8;

    private long[] firstEventAt = new long[0];
    private long[] lastEventAt = new long[0];
    private long[] lastKeystrokeAt = new long[0];
    private long[] messageStartedAt = new long[0];
    private CompactHistogram[] interKeyMs = new CompactHistogram[0];
    private CompactHistogram[] composeMs = new CompactHistogram[0];
    /** Inter-key intervals not yet in {@link #interKeyMs}: {@link #STAGED} slots per agent. */
    private long[] staged = new long[0];

    private int[] stagedCount = new int[0];
    private int size;

    void keystroke(int agent, long at) {
        ensure(agent);
        seen(agent, at);
        long last = lastKeystrokeAt[agent];
        if (last != NONE) {
            stage(agent, at - last);
        }
        if (messageStartedAt[agent] == NONE) {
            messageStartedAt[agent] = at;
        }
        lastKeystrokeAt[agent] = at;
    }

    void send(int agent, long at) {
        ensure(agent);
        seen(agent, at);
        long started = messageStartedAt[agent];
        if (started != NONE) {
            composeMs[agent].record(at - started);
        }
        messageStartedAt[agent] = NONE;
        lastKeystrokeAt[agent] = NONE;
    }

    /** Leaving the input box ends an interval run but not the message being composed. */
    void blur(int agent, long at) {
        ensure(agent);
        seen(agent, at);
        lastKeystrokeAt[agent] = NONE;
    }

    private void seen(int agent, long at) {
        if (firstEventAt[agent] == NONE) {
            firstEventAt[agent] = at;
        }
        lastEventAt[agent] = at;
    }

    private void stage(int agent, long interval) {
        int count = stagedCount[agent];
        staged[agent * STAGED + count] = interval;
        if (++count == STAGED) {
            flush(agent, count);
            count = 0;
        }
        stagedCount[agent] = count;
    }

    private void flush(int agent, int count) {
        interKeyMs[agent].recordAll(staged, agent * STAGED, agent * STAGED + count);
    }

    /** Agents 0..agent get their (empty) cadence; an agent before its first event reads as such. */
    private void ensure(int agent) {
        if (agent < size) {
            return;
        }
        int grown = Math.max(agent + 1, Math.max(64, size * 2));
        firstEventAt = grow(firstEventAt, grown);
        lastEventAt = grow(lastEventAt, grown);
        lastKeystrokeAt = grow(lastKeystrokeAt, grown);
        messageStartedAt = grow(messageStartedAt, grown);
        interKeyMs = Arrays.copyOf(interKeyMs, grown);
        composeMs = Arrays.copyOf(composeMs, grown);
        for (int i = size; i < grown; i++) {
            interKeyMs[i] = new CompactHistogram();
            composeMs[i] = new CompactHistogram();
        }
        staged = Arrays.copyOf(staged, grown * STAGED);
        stagedCount = Arrays.copyOf(stagedCount, grown);
        size = grown;
    }

    private static long[] grow(long[] values, int length) {
        long[] grown = Arrays.copyOf(values, length);
        Arrays.fill(grown, values.length, length, NONE);
        return grown;
    }

    /** The agent's inter-key intervals, staged ones included. */
    CompactHistogram interKeyMs(int agent) {
        ensure(agent);
        flush(agent, stagedCount[agent]);
        stagedCount[agent] = 0;
        return interKeyMs[agent];
    }

    CompactHistogram composeMs(int agent) {
        ensure(agent);
        return composeMs[agent];
    }

    /** {@link #NONE} before the agent's first event. */
    long firstEventAt(int agent) {
        ensure(agent);
        return firstEventAt[agent];
    }

    long lastEventAt(int agent) {
        ensure(agent);
        return lastEventAt[agent];
    }

    /** Agents with room here (some may have no events yet). */
    int size() {
        return size;
    }
}
