package dev.gctyping.app;

import dev.gctyping.protocol.SimulatorApi;
import dev.gctyping.simulator.FaultPlan;
import dev.gctyping.simulator.Simulator;
import dev.gctyping.simulator.SimulatorConfig;
import java.io.IOException;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The standalone simulator job: a local Genesys Cloud stand-in for other processes to use. */
public final class Simulate {
    /** Where the secret comes from when no variable is named; unset, the default secret is accepted. */
    public static final String DEFAULT_SECRET_VARIABLE = "GCTYPING_SIM_SECRET";

    /**
     * @param secretVariable the environment variable holding the client secret to accept, which must then be set;
     *     null for {@link #DEFAULT_SECRET_VARIABLE} or else the default secret
     */
    public record Request(
            int httpPort,
            int wsPort,
            String clientId,
            String secretVariable,
            long tokenTtlMs,
            int requestsPerMinute,
            long idleExpiryMs,
            List<String> faults,
            long faultSeed) {}

    private final Environment environment;

    public Simulate(Environment environment) {
        this.environment = environment;
    }

    /**
     * Starts it; the caller closes it.
     *
     * @throws IllegalArgumentException a fault spec that does not parse, a named secret variable that is unset
     * @throws IOException a port that cannot be bound
     */
    public Simulator start(Request request) throws IOException {
        FaultPlan faults = FaultPlan.parse(request.faults(), request.faultSeed());
        String variable = request.secretVariable() == null ? DEFAULT_SECRET_VARIABLE : request.secretVariable();
        String secret = environment.variables().get(variable);
        if (secret == null || secret.isEmpty()) {
            if (request.secretVariable() != null) {
                throw new IllegalArgumentException("--client-secret-env " + variable + ": that environment variable is "
                        + (secret == null ? "not set" : "empty")
                        + "; set it to the secret to accept, or drop the option to accept the default secret");
            }
            LoggerFactory.getLogger(Simulate.class)
                    .info("{} is not set: accepting the default client secret", variable);
            secret = SimulatorApi.DEFAULT_CLIENT_SECRET;
        }
        return Simulator.start(SimulatorConfig.defaults()
                .withPorts(request.httpPort(), request.wsPort())
                .withCredentials(request.clientId(), secret)
                .withTokenTtlSeconds(Math.max(1, (request.tokenTtlMs() + 999) / 1000))
                .withRequestsPerMinute(request.requestsPerMinute())
                .withIdleExpiryMs(request.idleExpiryMs())
                .withFaults(faults));
    }
}
