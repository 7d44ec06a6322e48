package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.client.OAuthClient;
import dev.gctyping.client.RetryingHttp;
import dev.gctyping.client.Target;
import dev.gctyping.client.TargetConfig;
import dev.gctyping.simulator.Simulator;
import dev.gctyping.simulator.SimulatorConfig;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code auth} and {@code connect} as real processes at the most verbose log level (-vv, which
 * also turns on library logging) with a known secret and a known token, and proves neither string
 * reaches stdout or stderr.
 */
class SecretsNeverShownTest {
    private static final String CLIENT_ID = "security-client";
    private static final String SECRET = "Sup3r-Secret-Value-7781";

    @TempDir
    Path home;

    private Simulator simulator;
    private String token;

    @BeforeEach
    void startSimulatorAndCacheAKnownToken() throws IOException {
        simulator = Simulator.start(SimulatorConfig.defaults().withCredentials(CLIENT_ID, SECRET));
        // the child processes find this token in the (0600) cache under the same home, so we know it
        Target target = Target.simulator(simulator.httpUri(), simulator.wsUri(), CLIENT_ID, SECRET);
        token = new OAuthClient(target, RetryingHttp.standard(), Clock.systemUTC(), home.resolve(".gctyping/tokens"))
                .token()
                .value();
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    private record Result(int exitCode, String out, String err) {}

    private Result gctyping(String secret, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.gctyping.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("GENESYSCLOUD_") || name.equals("GCTYPING_HOME"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put(TargetConfig.ENV_CLIENT_SECRET, secret);
        File out = home.resolve("out-" + System.nanoTime()).toFile();
        File err = home.resolve("err-" + System.nanoTime()).toFile();
        builder.redirectOutput(out).redirectError(err);
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("gctyping finished")
                .isTrue();
        return new Result(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    private void assertNothingSecretIn(Result result) {
        assertThat(result.out()).doesNotContain(SECRET).doesNotContain(token);
        assertThat(result.err()).doesNotContain(SECRET).doesNotContain(token);
    }

    @Test
    void authAtTraceLevel() throws Exception {
        Result result = gctyping(
                SECRET, "", "auth", "-vv", "--target", simulator.httpUri().toString(), "--client-id", CLIENT_ID);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("\"cached\":true");
        assertThat(result.err()).contains("DEBUG"); // the verbose logging really was on
        assertNothingSecretIn(result);
    }

    @Test
    void authCheckWithAFreshTokenAtTraceLevel() throws Exception {
        Result result = gctyping(
                SECRET,
                "",
                "auth",
                "-vv",
                "--check",
                "--target",
                simulator.httpUri().toString(),
                "--client-id",
                CLIENT_ID);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertNothingSecretIn(result);
    }

    @Test
    void refusedAuthAtTraceLevel() throws Exception {
        String wrong = "Wrong-Secret-Value-9923";
        Result result = gctyping(
                wrong, "", "auth", "-vv", "--target", simulator.httpUri().toString(), "--client-id", "other-client");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.NO_PERMISSION);
        assertThat(result.out() + result.err()).doesNotContain(wrong);
        assertNothingSecretIn(result);
    }

    @Test
    void connectAtTraceLevelWithTheTokenInTheHandshake() throws Exception {
        Result result = gctyping(
                SECRET,
                "{\"type\":\"ping\"}\n",
                "connect",
                "-vv",
                "--target",
                simulator.httpUri().toString(),
                "--client-id",
                CLIENT_ID,
                "conv-secure");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("\"direction\":\"out\"");
        assertThat(result.err()).contains("connecting to");
        assertNothingSecretIn(result);
    }
}
