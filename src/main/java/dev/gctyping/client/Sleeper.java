package dev.gctyping.client;

import java.time.Duration;

/** Waits between retries; tests inject one that records the waits and returns at once. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
