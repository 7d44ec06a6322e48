package dev.gctyping.simulator;

import dev.gctyping.protocol.PlatformLimits;
import dev.gctyping.protocol.SimulatorApi;
import java.util.Objects;

/**
 * How an embedded or standalone simulator listens and behaves.
 *
 * @param host              the address both listeners bind; loopback by default (plain HTTP/WS is only for loopback)
 * @param httpPort          the HTTP port, 0 for an ephemeral one
 * @param wsPort            the WebSocket port, 0 for an ephemeral one
 * @param clientId          the OAuth client id the token endpoint accepts
 * @param clientSecret      the OAuth client secret the token endpoint accepts (never logged)
 * @param tokenTtlSeconds   {@code expires_in} of issued tokens
 * @param requestsPerMinute Platform API requests allowed per token per minute before 429
 * @param faults            injected faults ({@link FaultPlan#NONE} for a well-behaved platform)
 * @param requestTimeoutMs  an HTTP request must arrive in full within this (else 408)
 * @param idleExpiryMs      conversations, guest sessions and dead tokens unused for this long are forgotten
 */
public record SimulatorConfig(
        String host,
        int httpPort,
        int wsPort,
        String clientId,
        String clientSecret,
        long tokenTtlSeconds,
        int requestsPerMinute,
        FaultPlan faults,
        long requestTimeoutMs,
        long idleExpiryMs) {

    public SimulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(faults, "faults");
        if (tokenTtlSeconds < 1 || requestsPerMinute < 1 || requestTimeoutMs < 1 || idleExpiryMs < 1) {
            throw new IllegalArgumentException(
                    "tokenTtlSeconds, requestsPerMinute, requestTimeoutMs and idleExpiryMs must be at least 1");
        }
    }

    /** The default {@link #idleExpiryMs}: longer than any pause a replay or a person at the shell makes. */
    public static final long DEFAULT_IDLE_EXPIRY_MS = 10 * 60_000;
    /** The default {@link #requestTimeoutMs}. */
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

    /**
     * Loopback, ephemeral ports, the default credentials, a one-day token, the platform's request rate,
     * no faults, 10 s per HTTP request, forgetting what was idle for 10 minutes.
     */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(
                "127.0.0.1",
                0,
                0,
                SimulatorApi.DEFAULT_CLIENT_ID,
                SimulatorApi.DEFAULT_CLIENT_SECRET,
                86_400,
                PlatformLimits.REQUESTS_PER_MINUTE,
                FaultPlan.NONE,
                DEFAULT_REQUEST_TIMEOUT_MS,
                DEFAULT_IDLE_EXPIRY_MS);
    }

    public SimulatorConfig withFaults(FaultPlan newFaults) {
        return new SimulatorConfig(
                host,
                httpPort,
                wsPort,
                clientId,
                clientSecret,
                tokenTtlSeconds,
                requestsPerMinute,
                newFaults,
                requestTimeoutMs,
                idleExpiryMs);
    }

    public SimulatorConfig withPorts(int newHttpPort, int newWsPort) {
        return new SimulatorConfig(
                host,
                newHttpPort,
                newWsPort,
                clientId,
                clientSecret,
                tokenTtlSeconds,
                requestsPerMinute,
                faults,
                requestTimeoutMs,
                idleExpiryMs);
    }

    public SimulatorConfig withCredentials(String newClientId, String newClientSecret) {
        return new SimulatorConfig(
                host,
                httpPort,
                wsPort,
                newClientId,
                newClientSecret,
                tokenTtlSeconds,
                requestsPerMinute,
                faults,
                requestTimeoutMs,
                idleExpiryMs);
    }

    public SimulatorConfig withTokenTtlSeconds(long newTokenTtlSeconds) {
        return new SimulatorConfig(
                host,
                httpPort,
                wsPort,
                clientId,
                clientSecret,
                newTokenTtlSeconds,
                requestsPerMinute,
                faults,
                requestTimeoutMs,
                idleExpiryMs);
    }

    public SimulatorConfig withRequestsPerMinute(int newRequestsPerMinute) {
        return new SimulatorConfig(
                host,
                httpPort,
                wsPort,
                clientId,
                clientSecret,
                tokenTtlSeconds,
                newRequestsPerMinute,
                faults,
                requestTimeoutMs,
                idleExpiryMs);
    }

    public SimulatorConfig withRequestTimeoutMs(long newRequestTimeoutMs) {
        return new SimulatorConfig(
                host,
                httpPort,
                wsPort,
                clientId,
                clientSecret,
                tokenTtlSeconds,
                requestsPerMinute,
                faults,
                newRequestTimeoutMs,
                idleExpiryMs);
    }

    public SimulatorConfig withIdleExpiryMs(long newIdleExpiryMs) {
        return new SimulatorConfig(
                host,
                httpPort,
                wsPort,
                clientId,
                clientSecret,
                tokenTtlSeconds,
                requestsPerMinute,
                faults,
                requestTimeoutMs,
                newIdleExpiryMs);
    }

    /** Never prints the secret, so a config can be logged or shown in a failed assertion. */
    @Override
    public String toString() {
        return "SimulatorConfig[host=" + host + ", httpPort=" + httpPort + ", wsPort=" + wsPort + ", clientId="
                + clientId + ", clientSecret=***, tokenTtlSeconds=" + tokenTtlSeconds + ", requestsPerMinute="
                + requestsPerMinute + ", faults=" + faults + ", requestTimeoutMs=" + requestTimeoutMs
                + ", idleExpiryMs=" + idleExpiryMs + "]";
    }
}
