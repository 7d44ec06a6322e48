package dev.gctyping.simulator;

import java.util.ArrayDeque;

/** At most {@code limit} permits in any window of {@code windowMs}: the platform's per-token and per-session limits. */
final class SlidingWindowLimiter {
    private final int limit;
    private final long windowMs;
    private final ArrayDeque<Long> granted = new ArrayDeque<>();

    SlidingWindowLimiter(int limit, long windowMs) {
        this.limit = limit;
        this.windowMs = windowMs;
    }

    /** Takes a permit at {@code nowMs}; returns 0 when granted, else the milliseconds until one frees up. */
    synchronized long tryAcquire(long nowMs) {
        while (!granted.isEmpty() && granted.peekFirst() <= nowMs - windowMs) {
            granted.pollFirst();
        }
        if (granted.size() < limit) {
            granted.addLast(nowMs);
            return 0;
        }
        return Math.max(1, granted.peekFirst() + windowMs - nowMs);
    }

    /** Milliseconds rounded up to whole seconds, at least 1, as {@code Retry-After} and {@code retryAfter} carry them. */
    static long retryAfterSeconds(long waitMs) {
        return Math.max(1, (waitMs + 999) / 1000);
    }
}
