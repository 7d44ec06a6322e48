package dev.gctyping.dialect.agentapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.client.OpenTarget;
import dev.gctyping.client.Sleeper;
import dev.gctyping.client.TargetConfig;
import dev.gctyping.client.TargetRequest;
import dev.gctyping.client.TargetResolver;
import dev.gctyping.dialect.LatencyProbe;
import dev.gctyping.dialect.PayloadTransport;
import dev.gctyping.dialect.WireSend;
import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.engine.TypingEngine;
import dev.gctyping.simulator.Simulator;
import dev.gctyping.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** agent-api's transport against the simulator on an ephemeral loopback port. */
class AgentApiTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @Test
    void aHeldSendsLookupGoesAheadAndIsNotMadeAgainWhenTheSendGoes() throws Exception {
        TypingEngine engine = new TypingEngine(new EngineSettings(250, 5_000), (agent, signal, at) -> {});
        AgentState agent = engine.state(engine.agent("c1", "a1"));
        WireSend first = WireSend.typingOn(0, 6_000).afterLookup();
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
                OpenTarget open = new TargetResolver(
                                new TargetConfig(home, Map.of()), Clock.systemUTC(), Sleeper.REAL, () -> {
                                    throw new AssertionError("the test's simulator is given");
                                })
                        .open(new TargetRequest(simulator.httpUri().toString(), null, null, null, null));
                PayloadTransport transport = new AgentApiTransport(open.api(), true, 10, new LatencyProbe())) {
            open.oauth().token();
            long before = open.stats().requests();

            assertThat(transport.prepare(agent, WireSend.typingOn(0, 6_000)))
                    .as("a send the plan granted no lookup needs nothing ahead")
                    .isCompleted();
            transport.prepare(agent, first).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(open.stats().requests()).as("the lookup, made ahead").isEqualTo(before + 1);

            transport.send(agent, first);
            assertThat(transport.drain(WAIT)).isTrue();
            assertThat(open.stats().requests())
                    .as("the send itself, and no second lookup")
                    .isEqualTo(before + 2);
            assertThat(transport.delivery(agent).delivered()).isEqualTo(1);
            assertThat(transport.senderId(agent)).isNotNull();
        }
    }
}
