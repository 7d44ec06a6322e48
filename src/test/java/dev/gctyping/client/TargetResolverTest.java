package dev.gctyping.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gctyping.protocol.SimulatorReport;
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

    /** Counts starts and stops; the client needs nothing else of a local simulator to choose and close it. */
    private final class FakeLocalSimulator implements LocalSimulator {
        int starts;
        boolean closed;

        @Override
        public URI httpUri() {
            return URI.create("http://127.0.0.1:9");
        }

        @Override
        public URI wsUri() {
            return URI.create("ws://127.0.0.1:9");
        }

        @Override
        public String clientId() {
            return "local-id";
        }

        @Override
        public String clientSecret() {
            return "local-secret";
        }

        @Override
        public SimulatorReport report(String run) {
            return new SimulatorReport("now", run, List.of(), null, Map.of(), null, List.of());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final FakeLocalSimulator local = new FakeLocalSimulator();

    private TargetResolver resolver(Map<String, String> env) {
        return new TargetResolver(new TargetConfig(home, env), Clock.systemUTC(), sleeper, () -> {
            local.starts++;
            return local;
        });
    }

    @Test
    void nothingConfiguredStartsTheLocalSimulatorThatCloseStops() {
        try (OpenTarget open = resolver(Map.of()).open(TargetRequest.none())) {
            assertThat(open.isEmbeddedSimulator()).isTrue();
            assertThat(open.target().isSimulator()).isTrue();
            assertThat(open.target().clientId()).isEqualTo("local-id");
            assertThat(open.simulatorReport()).map(SimulatorReport::generatedAt).contains("now");
            assertThat(local.closed).isFalse();
        }
        assertThat(local.starts).isEqualTo(1);
        assertThat(local.closed).isTrue();
    }

    @Test
    void aTargetUrlFindsTheSocketPortAndCachesTokensOnDisk() throws IOException {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
                OpenTarget open = resolver(Map.of())
                        .open(new TargetRequest(simulator.httpUri().toString(), null, null, null, null))) {
            assertThat(open.isEmbeddedSimulator()).isFalse();
            assertThat(local.starts).isZero();
            assertThat(open.target().seedSocket("c1"))
                    .isEqualTo(URI.create(simulator.wsUri() + "/v1/conversations/c1/websocket"));
            assertThat(open.oauth().token().cached()).isFalse();
            assertThat(home.resolve(".gctyping/tokens")).isDirectoryContaining("glob:**.json");
        }
    }

    @Test
    void aRegionResolvesToGenesysCloudWithoutTouchingTheNetwork() {
        Map<String, String> env = Map.of(
                TargetConfig.ENV_REGION,
                "ap-northeast-1",
                TargetConfig.ENV_CLIENT_ID,
                "id",
                TargetConfig.ENV_CLIENT_SECRET,
                "secret");
        try (OpenTarget open = resolver(env).open(TargetRequest.none())) {
            assertThat(open.target().environment()).isEqualTo("mypurecloud.jp");
            assertThat(open.target().tokenUri()).isEqualTo(URI.create("https://login.mypurecloud.jp/oauth/token"));
            assertThat(open.isEmbeddedSimulator()).isFalse();
        }
    }

    @Test
    void aTargetUrlThatIsNoSimulatorIsServiceUnavailable() throws IOException {
        try (StubHttpServer notASimulator = new StubHttpServer()) {
            notASimulator.then(StubHttpServer.Answer.json(404, "{}"));
            assertThatThrownBy(() -> resolver(Map.of())
                            .open(new TargetRequest(notASimulator.uri().toString(), null, null, null, null)))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("/sim/info");
        }
    }
}
