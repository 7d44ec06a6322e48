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
    /**
     * @param secretVariable the environment variable holding the client secret to accept (the default one when unset)
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
     * @throws IllegalArgumentException a fault spec that does not parse
     * @throws IOException a port that cannot be bound
     */
    public Simulator start(Request request) throws IOException {
        FaultPlan faults = FaultPlan.parse(request.faults(), request.faultSeed());
        String secret = environment.variables().get(request.secretVariable());
        if (secret == null || secret.isEmpty()) {
            LoggerFactory.getLogger(Simulate.class)
                    .info("{} is not set: accepting the default client secret", request.secretVariable());
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
