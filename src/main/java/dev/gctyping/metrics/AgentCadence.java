package dev.gctyping.metrics;

/**
 * How one agent types, from its raw events (the engine's counters say what was sent): inter-key
 * intervals within a message, and compose time from a message's first keystroke to its send.
 */
final class AgentCadence {
    private static final long NONE = Long.MIN_VALUE;

    final CompactHistogram interKeyMs = new CompactHistogram();
    final CompactHistogram composeMs = new CompactHistogram();
    /** Kept exactly: a histogram bucket's midpoint would misreport the one figure QA looks at first. */
    long composeMsMax;
    long firstEventAt = NONE;
    long lastEventAt = NONE;
    private long lastKeystrokeAt = NONE;
    private long messageStartedAt = NONE;

    void keystroke(long at) {
        seen(at);
        if (lastKeystrokeAt != NONE) {
            interKeyMs.record(at - lastKeystrokeAt);
        }
        if (messageStartedAt == NONE) {
            messageStartedAt = at;
        }
        lastKeystrokeAt = at;
    }

    void send(long at) {
        seen(at);
        if (messageStartedAt != NONE) {
            composeMs.record(at - messageStartedAt);
            composeMsMax = Math.max(composeMsMax, at - messageStartedAt);
        }
        messageStartedAt = NONE;
        lastKeystrokeAt = NONE;
    }

    /** Leaving the input box ends an interval run but not the message being composed. */
    void blur(long at) {
        seen(at);
        lastKeystrokeAt = NONE;
    }

    private void seen(long at) {
        if (firstEventAt == NONE) {
            firstEventAt = at;
        }
        lastEventAt = at;
    }
}
