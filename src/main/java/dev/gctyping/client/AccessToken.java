package dev.gctyping.client;

import java.time.Instant;

/**
 * An OAuth access token. {@link #toString()} masks the value, so a token logged by mistake stays secret.
 *
 * @param expiresInSeconds the lifetime the server granted
 * @param cached whether this came from the memory or disk cache rather than a token request
 */
public record AccessToken(String value, String tokenType, long expiresInSeconds, Instant expiresAt, boolean cached) {

    /** The header value for platform calls and the seed socket's handshake. */
    public String authorizationHeader() {
        return "Bearer " + value;
    }

    /**
     * When to fetch the next one: 60 s before expiry, or half-way through a shorter lifetime
     * (so a simulator's 30 s tokens do not trigger a fetch on every call).
     */
    public Instant refreshAt() {
        long marginSeconds = Math.min(60, expiresInSeconds / 2);
        return expiresAt.minusSeconds(marginSeconds);
    }

    AccessToken asCached() {
        return new AccessToken(value, tokenType, expiresInSeconds, expiresAt, true);
    }

    @Override
    public String toString() {
        return "AccessToken[" + tokenType + " ****, expiresAt=" + expiresAt + ", cached=" + cached + "]";
    }
}
