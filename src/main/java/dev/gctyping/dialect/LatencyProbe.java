package dev.gctyping.dialect;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * End-to-end latency on the wall clock, from the moment the engine emitted a payload to the moment
 * a guest received the typing frame it became. Frames of one conversation arrive in the order they
 * were sent, so each received frame is matched with the oldest unmatched emission.
 */
public final class LatencyProbe {
    private final Map<String, ArrayDeque<Long>> pending = new HashMap<>();
    private final Histogram micros = new Histogram(60_000_000L, 3);

    /** A payload that will reach the conversation's guests as a typing frame leaves now. */
    public synchronized void emitted(String conversationId) {
        pending.computeIfAbsent(conversationId, id -> new ArrayDeque<>()).add(System.nanoTime());
    }

    /** A guest of the conversation received a typing frame now. */
    public synchronized void received(String conversationId) {
        ArrayDeque<Long> queue = pending.get(conversationId);
        Long sentAt = queue == null ? null : queue.poll();
        if (sentAt != null) {
            micros.recordValue(Math.min(micros.getHighestTrackableValue(), Math.max(0, (System.nanoTime() - sentAt) / 1_000)));
        }
    }

    public synchronized long count() {
        return micros.getTotalCount();
    }

    /** Milliseconds at a percentile, with microsecond resolution. */
    public synchronized double percentileMs(double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
    }

    public synchronized double maxMs() {
        return micros.getTotalCount() == 0 ? 0 : micros.getMaxValue() / 1000.0;
    }
}
