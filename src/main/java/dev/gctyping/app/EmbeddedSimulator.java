package dev.gctyping.app;

import dev.gctyping.client.LocalSimulator;
import dev.gctyping.protocol.SimulatorReport;
import dev.gctyping.simulator.Simulator;
import dev.gctyping.simulator.SimulatorConfig;
import java.net.URI;

/** The in-process simulator as the client sees it: started only when no target is configured. */
final class EmbeddedSimulator implements LocalSimulator {
    private final Simulator simulator;
    private final SimulatorConfig config;

    private EmbeddedSimulator(Simulator simulator, SimulatorConfig config) {
        this.simulator = simulator;
        this.config = config;
    }

    static LocalSimulator.Starter starter(SimulatorConfig config) {
        return () -> new EmbeddedSimulator(Simulator.start(config), config);
    }

    @Override
    public URI httpUri() {
        return simulator.httpUri();
    }

    @Override
    public URI wsUri() {
        return simulator.wsUri();
    }

    @Override
    public String clientId() {
        return config.clientId();
    }

    @Override
    public String clientSecret() {
        return config.clientSecret();
    }

    @Override
    public SimulatorReport report(String run) {
        return simulator.report(run);
    }

    @Override
    public void close() {
        simulator.close();
    }
}
