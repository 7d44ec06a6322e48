package dev.gctyping.dialect;

import dev.gctyping.protocol.PlatformLimits;

/**
 * What a plan needs to know of the run.
 *
 * @param expiryMs the engine's expiry: after a keystroke, the agent counts as typing for this long
 * @param requestsPerMinute the token's request budget, on trace time
 * @param leadMs agent-api: how long before the guest's indicator would lapse (while the agent still
 *     types) a refresh goes out, to cover the request's latency
 * @param maxDurationMs agent-api: the longest {@code duration} an {@code On} may ask for
 */
public record PlanSettings(long expiryMs, int requestsPerMinute, long leadMs, long maxDurationMs) {
    public static final long DEFAULT_LEAD_MS = 250;
    public static final long DEFAULT_MAX_DURATION_MS = 60_000;

    public PlanSettings {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("the request budget must be at least 1 per minute");
        }
        if (leadMs < 0 || maxDurationMs < 1) {
            throw new IllegalArgumentException("the lead must be 0 or more and the longest duration positive");
        }
    }

    /** The defaults for everything but the engine's expiry, with the platform's budget. */
    public static PlanSettings forExpiry(long expiryMs) {
        return new PlanSettings(expiryMs, PlatformLimits.REQUESTS_PER_MINUTE, DEFAULT_LEAD_MS, DEFAULT_MAX_DURATION_MS);
    }

    public PlanSettings withExpiry(long newExpiryMs) {
        return new PlanSettings(newExpiryMs, requestsPerMinute, leadMs, maxDurationMs);
    }
}
