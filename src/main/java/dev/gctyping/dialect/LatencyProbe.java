package dev.gctyping.dialect;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * End-to-end latency on the wall clock, from the moment the engine emitted a payload to the moment
 * a guest received the typing frame it became. A frame carries its payload's trace time, so each
 * receipt is matched with its own emission (by conversation and trace time), never with a neighbour.
 * Only conversations with a watching guest count, and a payload emitted before its guest was ready
 * is timed from that moment: the wait for an observer is not the platform's latency.
 */
public final class LatencyProbe {
    /** Per watched conversation: the wall-clock emissions waiting for their frame, by trace time. */
    private final Map<String, Map<Long, ArrayDeque<Long>>> pending = new HashMap<>();

    private final Histogram micros = new Histogram(60_000_000L, 3);

    /** A guest is joining the conversation: its payloads are timed. */
    public synchronized void watch(String conversationId) {
        pending.putIfAbsent(conversationId, new HashMap<>());
    }

    /** The conversation's guest is ready: what waited for it is timed from now. */
    public void ready(String conversationId) {
        long now = System.nanoTime();
        synchronized (this) {
            moveUp(conversationId, now);
        }
    }

    private void moveUp(String conversationId, long now) {
        Map<Long, ArrayDeque<Long>> waiting = pending.get(conversationId);
        if (waiting != null) {
            waiting.replaceAll((at, emissions) -> {
                ArrayDeque<Long> moved = new ArrayDeque<>(emissions.size());
                emissions.forEach(emitted -> moved.add(Math.max(emitted, now)));
                return moved;
            });
        }
    }

    /** The engine emitted, now, a payload of trace time {@code at} that will reach the conversation's guests. */
    public void emitted(String conversationId, long at) {
        long now = System.nanoTime(); // before the lock: hundreds of guest threads take it too
        synchronized (this) {
            Map<Long, ArrayDeque<Long>> waiting = pending.get(conversationId);
            if (waiting != null) {
                waiting.computeIfAbsent(at, k -> new ArrayDeque<>(1)).add(now);
            }
        }
    }

    /** A guest of the conversation received, now, the typing frame of trace time {@code at}. */
    public void received(String conversationId, long at) {
        long now = System.nanoTime(); // before the lock: waiting for it is not the platform's latency
        synchronized (this) {
            record(conversationId, at, now);
        }
    }

    private void record(String conversationId, long at, long now) {
        Map<Long, ArrayDeque<Long>> waiting = pending.get(conversationId);
        ArrayDeque<Long> emissions = waiting == null ? null : waiting.get(at);
        Long sentAt = emissions == null ? null : emissions.poll();
        if (sentAt == null) {
            return; // not ours to time (a second guest's copy, a frame from before the guest joined)
        }
        if (emissions.isEmpty()) {
            waiting.remove(at);
        }
        micros.recordValue(Math.min(micros.getHighestTrackableValue(), Math.max(0, (now - sentAt) / 1_000)));
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
