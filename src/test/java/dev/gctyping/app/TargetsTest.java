package dev.gctyping.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsTest {
    @TempDir
    Path home;

    @Test
    void nothingConfiguredStartsAnEmbeddedSimulatorWithTheJobsFaultsThatCloseStops() throws InterruptedException {
        Targets targets =
                new Targets(new Environment(home, Map.of(), new ByteArrayInputStream(new byte[0]), Clock.systemUTC()));
        OpenTarget stopped;
        try (OpenTarget open = targets.open(
                TargetRequest.none(),
                SimulatorConfig.defaults().withFaults(FaultPlan.parse(List.of("api-429-rate=1"), 1)))) {
            assertThat(open.isEmbeddedSimulator()).isTrue();
            assertThat(open.simulatorReport()).isPresent();
            // the embedded simulator got the faults: every API call is rate limited, and counted. A 429 is
            // retried for minutes (it costs time, not data), so the call runs aside and its count is awaited
            Thread caller = new Thread(() -> catchThrowable(() -> open.api().sendTyping("c", "m", 1000, 0)));
            caller.setDaemon(true);
            caller.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (open.stats().rateLimitedCount() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10); // polling a state, with a deadline
            }
            assertThat(open.stats().rateLimitedCount()).isPositive();
            stopped = open;
        }
        assertThatThrownBy(() -> stopped.oauth().fetchNew()).isInstanceOf(UnavailableException.class);
    }
}
