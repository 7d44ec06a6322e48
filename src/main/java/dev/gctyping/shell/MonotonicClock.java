package dev.gctyping.shell;

import dev.gctyping.engine.Clock;

/**
 * Wall-clock epoch milliseconds that never go backwards: the wall time at start plus the
 * monotonic time elapsed since, so an NTP step during a session cannot reorder events.
 */
public final class MonotonicClock implements Clock {
    private final long startMillis = System.currentTimeMillis();
    private final long startNanos = System.nanoTime();

    @Override
    public long millis() {
        return startMillis + (System.nanoTime() - startNanos) / 1_000_000;
    }
}
