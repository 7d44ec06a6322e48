package dev.gctyping.metrics;

/** The most requests seen in any sliding window (e.g. a minute), from request times in order. */
public final class PeakRate {
    private final long windowMs;
    private long[] ring = new long[256];
    private int head;
    private int count;
    private int peak;

    public PeakRate(long windowMs) {
        this.windowMs = windowMs;
    }

    public void record(long at) {
        while (count > 0 && ring[head] <= at - windowMs) {
            head = (head + 1) % ring.length;
            count--;
        }
        if (count == ring.length) {
            long[] grown = new long[ring.length * 2];
            for (int i = 0; i < count; i++) {
                grown[i] = ring[(head + i) % ring.length];
            }
            ring = grown;
            head = 0;
        }
        ring[(head + count) % ring.length] = at;
        count++;
        peak = Math.max(peak, count);
    }

    public int peak() {
        return peak;
    }
}
