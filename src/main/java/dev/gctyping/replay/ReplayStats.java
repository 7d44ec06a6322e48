package dev.gctyping.replay;

/** What one replay processed, for the {@code replay_summary} record. */
public record ReplayStats(long events, long keystrokes, long payloads, long elapsedNanos, boolean complete) {
    public long elapsedMs() {
        return elapsedNanos / 1_000_000;
    }

    public double eventsPerSecond() {
        return elapsedNanos == 0 ? 0 : events * 1e9 / elapsedNanos;
    }
}
