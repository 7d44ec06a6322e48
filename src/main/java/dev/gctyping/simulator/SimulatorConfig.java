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
 */
public record SimulatorConfig(String host, int httpPort, int wsPort, String clientId, String clientSecret,
        long tokenTtlSeconds, int requestsPerMinute, FaultPlan faults) {

    public SimulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(faults, "faults");
        if (tokenTtlSeconds < 1 || requestsPerMinute < 1) {
            throw new IllegalArgumentException("tokenTtlSeconds and requestsPerMinute must be at least 1");
        }
    }

    /** Loopback, ephemeral ports, the default credentials, a one-day token, the platform's request rate, no faults. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig("127.0.0.1", 0, 0, SimulatorApi.DEFAULT_CLIENT_ID, SimulatorApi.DEFAULT_CLIENT_SECRET, 86_400, PlatformLimits.REQUESTS_PER_MINUTE,
                FaultPlan.NONE);
    }

    public SimulatorConfig withFaults(FaultPlan newFaults) {
        return new SimulatorConfig(host, httpPort, wsPort, clientId, clientSecret, tokenTtlSeconds, requestsPerMinute,
                newFaults);
    }

    public SimulatorConfig withPorts(int newHttpPort, int newWsPort) {
        return new SimulatorConfig(host, newHttpPort, newWsPort, clientId, clientSecret, tokenTtlSeconds,
                requestsPerMinute, faults);
    }

    public SimulatorConfig withCredentials(String newClientId, String newClientSecret) {
        return new SimulatorConfig(host, httpPort, wsPort, newClientId, newClientSecret, tokenTtlSeconds,
                requestsPerMinute, faults);
    }

    public SimulatorConfig withTokenTtlSeconds(long newTokenTtlSeconds) {
        return new SimulatorConfig(host, httpPort, wsPort, clientId, clientSecret, newTokenTtlSeconds,
                requestsPerMinute, faults);
    }

    public SimulatorConfig withRequestsPerMinute(int newRequestsPerMinute) {
        return new SimulatorConfig(host, httpPort, wsPort, clientId, clientSecret, tokenTtlSeconds,
                newRequestsPerMinute, faults);
    }

    /** Never prints the secret, so a config can be logged or shown in a failed assertion. */
    @Override
    public String toString() {
        return "SimulatorConfig[host=" + host + ", httpPort=" + httpPort + ", wsPort=" + wsPort + ", clientId="
                + clientId + ", clientSecret=***, tokenTtlSeconds=" + tokenTtlSeconds + ", requestsPerMinute="
                + requestsPerMinute + ", faults=" + faults + "]";
    }
}
