package dev.gctyping.shell;

import dev.gctyping.engine.Clock;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test sets by hand; readable from the engine thread. */
final class ManualClock implements Clock {
    private final AtomicLong now;

    ManualClock(long start) {
        now = new AtomicLong(start);
    }

    void set(long millis) {
        now.set(millis);
    }

    @Override
    public long millis() {
        return now.get();
    }
}
