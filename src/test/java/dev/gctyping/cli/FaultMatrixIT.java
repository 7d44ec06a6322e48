package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gctyping.app.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The promise to CI, under every fault and the combinations that used to lose data: a replay of the
 * 50-conversation sample at full speed with {@code --assert} exits 0, loses nothing, leaves no
 * indicator on, and the client's count of delivered sends equals the simulator's.
 */
class FaultMatrixIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    static Stream<Arguments> matrix() {
        List<List<String>> faults = List.of(
                List.of("token-429=3"),
                List.of("api-429-rate=0.3"),
                List.of("api-5xx-rate=0.2"),
                List.of("latency=200ms"),
                List.of("drop-every=3"),
                List.of("token-expire-after=300ms"),
                List.of("latency=200ms", "api-429-rate=0.3", "api-5xx-rate=0.2"),
                List.of("drop-every=3", "token-expire-after=300ms", "latency=200ms"));
        List<Arguments> cases = new ArrayList<>();
        for (String dialect : List.of("agent-api", "seed")) {
            for (List<String> combination : faults) {
                cases.add(Arguments.of(dialect, combination));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void nothingIsLostAndNoIndicatorIsLeftOn(String dialect, List<String> faults) throws IOException {
        List<String> args =
                new ArrayList<>(List.of("replay", "--quiet", "--speed", "max", "--assert", "--dialect", dialect));
        faults.forEach(fault -> args.addAll(List.of("--fault", fault)));
        args.add("samples/concurrent-50.ndjson");
        CliRun run = CliRun.run(
                GcTypingCommand.commandLine(
                        new Environment(home, Map.of(), InputStream.nullInputStream(), Clock.systemUTC())),
                args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.outLines();
        JsonNode summary = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(summary.path("payloadsLost").asLong()).isZero();
        assertThat(summary.path("payloadsDelivered").asLong())
                .isEqualTo(summary.path("payloadsSent").asLong())
                .isPositive();
        assertThat(summary.path("complete").asBoolean()).isTrue();
        assertThat(run.err()).doesNotContain("assertion failed").doesNotContain("left on");
    }
}
