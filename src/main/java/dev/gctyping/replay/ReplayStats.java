package dev.gctyping.replay;

/** What one replay processed, for the {@code replay_summary} record. */
public record ReplayStats(long events, long keystrokes, long payloads, long elapsedNanos, boolean complete) {
    public long elapsedMs() {
        return elapsedNanos / 1_000_000;
    }

    /** The same replay after waiting {@code nanos} for its sends to settle; incomplete if that wait was stopped. */
    public ReplayStats plusSettling(long nanos, boolean settled) {
        return new ReplayStats(events, keystrokes, payloads, elapsedNanos + nanos, complete && settled);
    }

    public double eventsPerSecond() {
        return elapsedNanos == 0 ? 0 : events * 1e9 / elapsedNanos;
    }
}
