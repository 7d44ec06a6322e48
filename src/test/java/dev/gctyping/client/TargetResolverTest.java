package dev.gctyping.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gctyping.protocol.Dialect;
import dev.gctyping.simulator.FaultPlan;
import dev.gctyping.simulator.Simulator;
import dev.gctyping.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetResolverTest {
    @TempDir
    Path home;

    private final RecordingSleeper sleeper = new RecordingSleeper();

    private TargetResolver resolver(Map<String, String> env) {
        return new TargetResolver(new TargetConfig(home, env), Clock.systemUTC(), sleeper);
    }

    @Test
    void nothingConfiguredStartsAnEmbeddedSimulatorThatCloseStops() {
        URI api;
        try (OpenTarget open = resolver(Map.of()).open(TargetRequest.none(),
                SimulatorConfig.defaults().withFaults(FaultPlan.parse(List.of("api-429-rate=1"), 1)))) {
            assertThat(open.embeddedSimulator()).isPresent();
            assertThat(open.target().isSimulator()).isTrue();
            assertThat(open.dialect()).isEqualTo(Dialect.AGENT_API);
            api = open.embeddedSimulator().orElseThrow().httpUri();
            // the embedded simulator got the faults: every API call is rate limited, and counted
            assertThatThrownBy(() -> open.api().sendTyping("c", "m", 1000, 0)).isInstanceOf(UnavailableException.class);
            assertThat(open.stats().rateLimitedCount()).isPositive();
        }
        Target stopped = Target.simulator(api, URI.create("ws://127.0.0.1:1"), "id", "secret");
        assertThatThrownBy(() -> new OAuthClient(stopped, RetryingHttp.withSleeper(sleeper), Clock.systemUTC(), null).token())
                .isInstanceOf(UnavailableException.class);
    }

    @Test
    void aTargetUrlFindsTheSocketPortAndCachesTokensOnDisk() throws IOException {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
                OpenTarget open = resolver(Map.of()).open(new TargetRequest(simulator.httpUri().toString(), null, null,
                        Dialect.SEED, null))) {
            assertThat(open.embeddedSimulator()).isEmpty();
            assertThat(open.dialect()).isEqualTo(Dialect.SEED);
            assertThat(open.target().seedSocket("c1"))
                    .isEqualTo(URI.create(simulator.wsUri() + "/v1/conversations/c1/websocket"));
            assertThat(open.oauth().token().cached()).isFalse();
            assertThat(home.resolve(".gctyping/tokens")).isDirectoryContaining("glob:**.json");
        }
    }

    @Test
    void aRegionResolvesToGenesysCloudWithoutTouchingTheNetwork() {
        Map<String, String> env = Map.of(TargetConfig.ENV_REGION, "ap-northeast-1", TargetConfig.ENV_CLIENT_ID, "id",
                TargetConfig.ENV_CLIENT_SECRET, "secret");
        try (OpenTarget open = resolver(env).open(TargetRequest.none())) {
            assertThat(open.target().environment()).isEqualTo("mypurecloud.jp");
            assertThat(open.target().tokenUri()).isEqualTo(URI.create("https://login.mypurecloud.jp/oauth/token"));
            assertThat(open.embeddedSimulator()).isEmpty();
        }
    }

    @Test
    void aTargetUrlThatIsNoSimulatorIsServiceUnavailable() throws IOException {
        try (StubHttpServer notASimulator = new StubHttpServer()) {
            notASimulator.then(StubHttpServer.Answer.json(404, "{}"));
            assertThatThrownBy(() -> resolver(Map.of()).open(new TargetRequest(notASimulator.uri().toString(), null, null, null, null)))
                    .isInstanceOf(UnavailableException.class).hasMessageContaining("/sim/info");
        }
    }
}
