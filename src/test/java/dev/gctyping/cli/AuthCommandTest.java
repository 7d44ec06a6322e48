package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.app.Environment;
import dev.gctyping.client.TargetConfig;
import dev.gctyping.simulator.Simulator;
import dev.gctyping.simulator.SimulatorConfig;
import dev.gctyping.support.Json;
import dev.gctyping.support.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuthCommandTest {
    @TempDir
    Path home;

    private Simulator simulator;

    @BeforeEach
    void startSimulator() throws IOException {
        simulator = Simulator.start(SimulatorConfig.defaults().withCredentials("team-client", "team-secret-123"));
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    private CliRun auth(Map<String, String> env, String... args) {
        CommandLine cli = GcTypingCommand.commandLine(
                new Environment(home, env, InputStream.nullInputStream(), Clock.systemUTC()));
        String[] full = Stream.concat(Stream.of("auth"), Stream.of(args)).toArray(String[]::new);
        return CliRun.run(cli, full);
    }

    private static Map<String, String> secret(String value) {
        return Map.of(TargetConfig.ENV_CLIENT_SECRET, value);
    }

    private String target() {
        return simulator.httpUri().toString();
    }

    @Test
    void withNothingConfiguredItAuthenticatesAgainstAnEmbeddedSimulatorAndSaysSo() throws Exception {
        CliRun run;
        try (LogCapture logs = new LogCapture()) {
            run = auth(Map.of());
            assertThat(logs.messages()).anyMatch(message -> message.contains("using an embedded simulator"));
        }
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.outLines()).hasSize(1);
        JsonNode record = Json.MAPPER.readTree(run.outLines().get(0));
        assertThat(record.path("event").asText()).isEqualTo("token");
        assertThat(record.path("environment").asText()).startsWith("simulator 127.0.0.1:");
        assertThat(record.path("tokenType").asText()).isEqualToIgnoringCase("bearer");
        assertThat(record.path("expiresIn").asLong()).isBetween(86_000L, 86_400L);
        assertThat(record.path("expiresAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(record.path("cached").asBoolean(true)).isFalse();
        assertThat(record.has("token")).isFalse();
        List<String> fields = new java.util.ArrayList<>();
        record.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("event", "environment", "tokenType", "expiresIn", "expiresAt", "cached");
    }

    @Test
    void secondRunUsesTheOwnerOnlyDiskCache() throws Exception {
        CliRun first = auth(secret("team-secret-123"), "--target", target(), "--client-id", "team-client");
        CliRun second = auth(secret("team-secret-123"), "--target", target(), "--client-id", "team-client");

        assertThat(Json.MAPPER.readTree(first.out()).path("cached").asBoolean(true))
                .as(first.toString())
                .isFalse();
        assertThat(Json.MAPPER.readTree(second.out()).path("cached").asBoolean(false))
                .as(second.toString())
                .isTrue();
        try (Stream<Path> files = Files.list(home.resolve(".gctyping/tokens"))) {
            assertThat(files.toList())
                    .singleElement()
                    .satisfies(file -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                            .isEqualTo("rw-------"));
        }
    }

    @Test
    void theTokenCacheIsUnderHomeFromTheEnvironmentNotJavasUserHome() throws Exception {
        Path fromEnv = home.resolve("from-env");
        Map<String, String> env = Map.of(TargetConfig.ENV_CLIENT_SECRET, "team-secret-123", "HOME", fromEnv.toString());
        CliRun run = auth(env, "--target", target(), "--client-id", "team-client");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(fromEnv.resolve(".gctyping/tokens")).isDirectory();
        assertThat(home.resolve(".gctyping"))
                .as("user.home, which ignores $HOME")
                .doesNotExist();

        Path own = home.resolve("own");
        auth(
                Map.of(
                        TargetConfig.ENV_CLIENT_SECRET,
                        "team-secret-123",
                        "HOME",
                        fromEnv.toString(),
                        "GCTYPING_HOME",
                        own.toString()),
                "--target",
                target(),
                "--client-id",
                "team-client");
        assertThat(own.resolve("tokens")).isDirectory();
    }

    @Test
    void showTokenAddsTheToken() throws Exception {
        CliRun run =
                auth(secret("team-secret-123"), "--target", target(), "--client-id", "team-client", "--show-token");
        assertThat(Json.MAPPER.readTree(run.out()).path("token").asText()).isNotBlank();
    }

    @Test
    void refusedCredentialsExit77NamingClientButNotSecret() {
        CliRun run = auth(secret("wrong-secret-456"), "--target", target(), "--client-id", "team-client");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NO_PERMISSION);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("team-client")
                .contains("simulator 127.0.0.1:")
                .doesNotContain("wrong-secret-456");
    }

    @Test
    void checkIsQuietEitherWay() {
        CliRun ok = auth(secret("team-secret-123"), "--target", target(), "--client-id", "team-client", "--check");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).isEmpty();
        CliRun refused = auth(secret("wrong"), "--target", target(), "--client-id", "team-client", "--check");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.NO_PERMISSION);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEmpty();
    }

    @Test
    void configurationMistakesAreUsageErrors() throws IOException {
        CliRun unknownRegion = auth(Map.of(), "--region", "mars-1");
        assertThat(unknownRegion.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknownRegion.err()).contains("unknown region 'mars-1'").contains("mypurecloud.de (eu-central-1)");

        Path config = home.resolve(".gctyping/config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "[default]\nregion = eu-west-1\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-r--"));
        CliRun openProfile = auth(Map.of());
        assertThat(openProfile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(openProfile.err()).contains("chmod 600 " + config);
    }

    @Test
    void plainHttpToANonLoopbackTargetIsRefused() {
        CliRun run = auth(Map.of(), "--target", "http://sim.example.com:8080");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("only loopback may skip TLS");
    }
}
