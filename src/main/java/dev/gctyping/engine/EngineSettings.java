package dev.gctyping.engine;

/**
 * The engine's two knobs.
 *
 * @param dedupWindowMs W: while typing, {@code active} is re-sent at most once per W
 * @param expiryMs E: a typing agent with no keystroke for E goes {@code inactive}
 */
public record EngineSettings(long dedupWindowMs, long expiryMs) {
    public static final EngineSettings DEFAULTS = new EngineSettings(500, 3000);

    public EngineSettings {
        if (dedupWindowMs <= 0) {
            throw new IllegalArgumentException("dedup window must be positive, got " + dedupWindowMs + " ms");
        }
        if (expiryMs <= 0) {
            throw new IllegalArgumentException("expiry must be positive, got " + expiryMs + " ms");
        }
    }

    public EngineSettings withDedupWindow(long ms) {
        return new EngineSettings(ms, expiryMs);
    }

    public EngineSettings withExpiry(long ms) {
        return new EngineSettings(dedupWindowMs, ms);
    }
}
