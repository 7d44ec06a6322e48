package dev.gctyping.app;

import dev.gctyping.client.OpenTarget;
import dev.gctyping.client.Sleeper;
import dev.gctyping.client.TargetConfig;
import dev.gctyping.client.TargetRequest;
import dev.gctyping.client.TargetResolver;
import dev.gctyping.simulator.SimulatorConfig;

/**
 * Chooses and opens the target of a job: a Genesys Cloud region, a running simulator, or (nothing
 * configured) a simulator started in this process with the job's settings.
 */
public final class Targets {
    private final Environment environment;

    public Targets(Environment environment) {
        this.environment = environment;
    }

    public TargetConfig config() {
        return new TargetConfig(environment.home(), environment.variables());
    }

    /** Opens the target; {@code embedded} says how to start the in-process simulator if one is needed. */
    public OpenTarget open(TargetRequest request, SimulatorConfig embedded) {
        Preload.inBackground();
        return new TargetResolver(config(), environment.clock(), Sleeper.REAL, EmbeddedSimulator.starter(embedded))
                .open(request);
    }

    public OpenTarget open(TargetRequest request) {
        return open(request, SimulatorConfig.defaults());
    }
}
