package dev.gctyping.metrics;

import java.util.Arrays;

/**
 * How each agent types, from its raw events (the engine's counters say what was sent): inter-key
 * intervals within a message, and compose time from a message's first keystroke to its send.
 *
 * <p>Laid out for the replay's hot loop, which touches a random agent on every event, among up to
 * 100 000 of them: what an event reads and writes sits in one 64-byte block per agent (its times,
 * then its staged intervals), where an array per field cost a cache miss per field.
 * Inter-key intervals are staged a few at a time per agent before they go into the
 * agent's histogram, so the histogram's misses overlap instead of adding up. Histograms are created
 * with their first value: most agents of a large trace send a message or two.
 */
final class Cadences {
    static final long NONE = Long.MIN_VALUE;

    /** {@link #blocks}: longs per agent. */
    private static final int STRIDE = 8;

    private static final int FIRST_EVENT = 0;
    private static final int LAST_EVENT = 1;
    private static final int LAST_KEYSTROKE = 2;
    private static final int MESSAGE_STARTED = 3;
    /**
     * The inter-key intervals not yet in {@link #interKeyMs}, as ints two to a long: a count, then
     * up to {@code STAGED - 1} intervals.
     */
    private static final int STAGE = 4;

    private static final int STAGED = 2 * (STRIDE - STAGE);
    private static final long LOW = 0xFFFF_FFFFL;

    private long[] blocks = new long[0];
    private CompactHistogram[] interKeyMs = new CompactHistogram[0];
    private CompactHistogram[] composeMs = new CompactHistogram[0];

    private int size;

    void keystroke(int agent, long at) {
        ensure(agent);
        int t = agent * STRIDE;
        seen(t, at);
        long last = blocks[t + LAST_KEYSTROKE];
        if (last != NONE) {
            stage(agent, at - last);
        }
        if (blocks[t + MESSAGE_STARTED] == NONE) {
            blocks[t + MESSAGE_STARTED] = at;
        }
        blocks[t + LAST_KEYSTROKE] = at;
    }

    void send(int agent, long at) {
        ensure(agent);
        int t = agent * STRIDE;
        seen(t, at);
        long started = blocks[t + MESSAGE_STARTED];
        if (started != NONE) {
            if (composeMs[agent] == null) {
                composeMs[agent] = new CompactHistogram();
            }
            composeMs[agent].record(at - started);
        }
        blocks[t + MESSAGE_STARTED] = NONE;
        blocks[t + LAST_KEYSTROKE] = NONE;
    }

    /** Leaving the input box ends an interval run but not the message being composed. */
    void blur(int agent, long at) {
        ensure(agent);
        int t = agent * STRIDE;
        seen(t, at);
        blocks[t + LAST_KEYSTROKE] = NONE;
    }

    private void seen(int t, long at) {
        if (blocks[t + FIRST_EVENT] == NONE) {
            blocks[t + FIRST_EVENT] = at;
        }
        blocks[t + LAST_EVENT] = at;
    }

    private void stage(int agent, long interval) {
        if (interval > Integer.MAX_VALUE) {
            histogram(agent).record(interval); // more than 24 days between two keys: too rare to stage
            return;
        }
        int t = agent * STRIDE;
        int count = staged(t, 0) + 1;
        stage(t, count, (int) interval);
        stage(t, 0, count);
        if (count == STAGED - 1) {
            flush(agent);
        }
    }

    /** The {@code i}-th int of the agent's stage (0: the count). */
    private int staged(int t, int i) {
        return (int) (blocks[t + STAGE + (i >> 1)] >>> ((i & 1) << 5));
    }

    private void stage(int t, int i, int value) {
        int at = t + STAGE + (i >> 1);
        int shift = (i & 1) << 5;
        blocks[at] = blocks[at] & ~(LOW << shift) | (value & LOW) << shift;
    }

    private CompactHistogram histogram(int agent) {
        if (interKeyMs[agent] == null) {
            interKeyMs[agent] = new CompactHistogram();
        }
        return interKeyMs[agent];
    }

    private void flush(int agent) {
        int t = agent * STRIDE;
        int count = staged(t, 0);
        if (count == 0) {
            return;
        }
        CompactHistogram histogram = histogram(agent);
        for (int i = 1; i <= count; i++) {
            histogram.record(staged(t, i));
        }
        stage(t, 0, 0);
    }

    /** Agents 0..agent get their (empty) cadence; an agent before its first event reads as such. */
    void ensure(int agent) {
        if (agent < size) {
            return;
        }
        int grown = Math.max(agent + 1, Math.max(64, size * 2));
        blocks = Arrays.copyOf(blocks, grown * STRIDE);
        for (int t = size * STRIDE; t < grown * STRIDE; t += STRIDE) {
            Arrays.fill(blocks, t, t + STAGE, NONE);
        }
        interKeyMs = Arrays.copyOf(interKeyMs, grown);
        composeMs = Arrays.copyOf(composeMs, grown);
        size = grown;
    }

    /** A percentile (0-100) of the agent's inter-key intervals, staged ones included; 0 with none. */
    long interKeyMs(int agent, double percentile) {
        ensure(agent);
        flush(agent);
        return percentile(interKeyMs[agent], percentile);
    }

    /** A percentile (0-100) of the agent's compose times; 0 with none. */
    long composeMs(int agent, double percentile) {
        ensure(agent);
        return percentile(composeMs[agent], percentile);
    }

    private static long percentile(CompactHistogram histogram, double percentile) {
        return histogram == null ? 0 : histogram.percentile(percentile);
    }

    /** The agent's longest compose time, exactly; 0 with none. */
    long composeMsMax(int agent) {
        ensure(agent);
        return composeMs[agent] == null ? 0 : composeMs[agent].max();
    }

    /** {@link #NONE} before the agent's first event. */
    long firstEventAt(int agent) {
        ensure(agent);
        return blocks[agent * STRIDE + FIRST_EVENT];
    }

    long lastEventAt(int agent) {
        ensure(agent);
        return blocks[agent * STRIDE + LAST_EVENT];
    }

    /** Agents with room here (some may have no events yet). */
    int size() {
        return size;
    }
}
