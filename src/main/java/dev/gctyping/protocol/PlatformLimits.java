package dev.gctyping.protocol;

/**
 * Genesys Cloud's published limits and defaults that the tool plans around and the simulator
 * enforces: one definition each (docs/protocol.md says where each comes from).
 */
public final class PlatformLimits {
    /** Platform API requests per minute per OAuth client-credentials token, before 429s. */
    public static final int REQUESTS_PER_MINUTE = 300;
    /** A guest session's {@code onMessage} requests per second (messages.per.session.rate.per.second). */
    public static final int GUEST_MESSAGES_PER_SECOND = 2;
    /** How long a guest shows an agent's {@code Typing On} that carries no duration. */
    public static final long GUEST_TYPING_DISPLAY_MS = 5000;

    private PlatformLimits() {}
}
