package dev.gctyping.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of
 * {@code min(max, initial * 2^(n-1))}, so retries from many clients spread out but never fire at once.
 * Shared by HTTP retries and socket reconnects.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    /** @param random uniform values in [0, 1); tests pass a constant */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The wait before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long cap = Math.min(maxMillis, initialMillis << doublings);
        long half = cap / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (cap - half)));
    }

    /** Up to {@code spreadMillis} of random extra wait, e.g. on top of a server's Retry-After. */
    public Duration jitter(long spreadMillis) {
        return Duration.ofMillis((long) (random.getAsDouble() * spreadMillis));
    }
}
