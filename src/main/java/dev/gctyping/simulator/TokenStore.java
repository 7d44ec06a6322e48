package dev.gctyping.simulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/** Issues bearer tokens and checks them: expiry (including the early-expiry fault) and the per-token rate limit. */
final class TokenStore {
    enum Status {
        OK,
        MISSING,
        INVALID,
        EXPIRED
    }

    /** The outcome of checking an {@code Authorization} header; {@code token} is null unless OK. */
    record Check(Status status, Token token) {}

    static final class Token {
        final long expiresAtMs;
        final boolean diesEarly;
        final SlidingWindowLimiter rate;
        final AtomicBoolean earlyExpiryCounted = new AtomicBoolean();
        /** Issued or last accepted: a token unused for the idle expiry is forgotten. */
        volatile long lastUsedMs;

        Token(long expiresAtMs, boolean diesEarly, SlidingWindowLimiter rate, long issuedAtMs) {
            this.expiresAtMs = expiresAtMs;
            this.diesEarly = diesEarly;
            this.rate = rate;
            this.lastUsedMs = issuedAtMs;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final SimulatorConfig config;
    private final Faults faults;
    private final LongSupplier clock;

    TokenStore(SimulatorConfig config, Faults faults, LongSupplier clock) {
        this.config = config;
        this.faults = faults;
        this.clock = clock;
    }

    /** A new opaque token; only its holder and this map know it (it is never logged). */
    String issue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long ttlMs = config.tokenTtlSeconds() * 1000;
        long earlyMs = faults.plan.tokenExpireAfterMs();
        boolean diesEarly = earlyMs > 0 && earlyMs < ttlMs;
        long now = clock.getAsLong();
        long expiresAt = now + (diesEarly ? earlyMs : ttlMs);
        tokens.put(
                token,
                new Token(expiresAt, diesEarly, new SlidingWindowLimiter(config.requestsPerMinute(), 60_000), now));
        return token;
    }

    /**
     * Forgets tokens not accepted since {@code now - idleMs}, expired or not: a client that comes back
     * with one gets 401 and fetches a new token, as after a revocation. Returns how many.
     */
    int expire(long now, long idleMs) {
        int before = tokens.size();
        tokens.values().removeIf(token -> now - token.lastUsedMs >= idleMs);
        return before - tokens.size();
    }

    /** Checks an {@code Authorization: Bearer …} header value (null when absent). */
    Check check(String authorization) {
        if (authorization == null
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.length() == 7) {
            return new Check(Status.MISSING, null);
        }
        String value = authorization.substring(7).trim();
        Token token = tokens.get(value);
        if (token == null) {
            return new Check(Status.INVALID, null);
        }
        if (clock.getAsLong() >= token.expiresAtMs) {
            if (token.diesEarly && token.earlyExpiryCounted.compareAndSet(false, true)) {
                faults.tokensExpiredEarly.incrementAndGet();
            }
            return new Check(Status.EXPIRED, null);
        }
        token.lastUsedMs = clock.getAsLong();
        return new Check(Status.OK, token);
    }
}
