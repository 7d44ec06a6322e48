package dev.gctyping.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gctyping.client.OpenTarget;
import dev.gctyping.client.TargetRequest;
import dev.gctyping.client.UnavailableException;
import dev.gctyping.simulator.FaultPlan;
import dev.gctyping.simulator.SimulatorConfig;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsTest {
    @TempDir
    Path home;

    @Test
    void nothingConfiguredStartsAnEmbeddedSimulatorWithTheJobsFaultsThatCloseStops() {
        Targets targets =
                new Targets(new Environment(home, Map.of(), new ByteArrayInputStream(new byte[0]), Clock.systemUTC()));
        OpenTarget stopped;
        try (OpenTarget open = targets.open(
                TargetRequest.none(),
                SimulatorConfig.defaults().withFaults(FaultPlan.parse(List.of("api-429-rate=1"), 1)))) {
            assertThat(open.isEmbeddedSimulator()).isTrue();
            assertThat(open.simulatorReport()).isPresent();
            // the embedded simulator got the faults: every API call is rate limited, and counted
            assertThatThrownBy(() -> open.api().sendTyping("c", "m", 1000, 0)).isInstanceOf(UnavailableException.class);
            assertThat(open.stats().rateLimitedCount()).isPositive();
            stopped = open;
        }
        assertThatThrownBy(() -> stopped.oauth().fetchNew()).isInstanceOf(UnavailableException.class);
    }
}
