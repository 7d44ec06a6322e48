package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.app.Environment;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Option values that cannot work, and options that would do nothing in the mode chosen: a usage error
 * (exit 2) naming the options, or a warning, never silence (issue 12, item 7).
 */
class UnusableOptionsTest {
    private static final String TRACE = "samples/single-agent.ndjson";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "replay --dry-run --speed 4 " + TRACE + "|--speed does nothing with --dry-run",
                "replay --dry-run --enrich " + TRACE + "|--enrich does nothing with --dry-run",
                "replay --dry-run --queue-size 5 " + TRACE + "|--queue-size does nothing with --dry-run",
                "replay --dry-run --assert " + TRACE + "|--assert does nothing with --dry-run",
                "replay --dry-run --seed 3 " + TRACE + "|--seed does nothing with --dry-run",
                "replay --dry-run --target http://127.0.0.1:1 -p x " + TRACE
                        + "|--target, --profile do nothing with --dry-run",
                "replay --dialect seed --budget 100 " + TRACE + "|--budget does nothing with --dialect seed",
                "tune --dialect seed --typing-lead 1s " + TRACE + "|--typing-lead does nothing with --dialect seed",
                "tune --threads 0 " + TRACE + "|--threads must be at least 1, got 0",
                "replay --dry-run - -|'-' (stdin) is named twice",
                "tune - " + TRACE + " -|'-' (stdin) is named twice",
                "shell --dry-run --guest-page|--guest-page does nothing with --dry-run",
                "shell --dry-run --region eu-west-1|--region does nothing with --dry-run",
                "auth --check --show-token|--show-token does nothing with --check",
                "connect --origin https://a.example conv-1|--origin does nothing with a conversation socket",
                "connect --dialect seed conv-1|--dialect does nothing with connect",
            })
    void isAUsageErrorNamingTheOptions(String commandLine, String error) {
        CliRun run = CliRun.run(GcTypingCommand.commandLine(environment(Map.of())), commandLine.split(" "));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).as(run.toString()).startsWith("gctyping: " + error);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void optionsThatChangeNothingInADryRunAreWarnedAbout() {
        CliRun run = CliRun.run(
                GcTypingCommand.commandLine(environment(Map.of())), "replay", "--dry-run", "--dialect", "seed", TRACE);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err())
                .contains("gctyping: warning: --dialect changes nothing in this dry run (only --print-payloads "
                        + "and --report show what the dialect sends)");
        CliRun shown = CliRun.run(
                GcTypingCommand.commandLine(environment(Map.of())),
                "replay",
                "--dry-run",
                "--print-payloads",
                "--dialect",
                "seed",
                TRACE);
        assertThat(shown.err()).doesNotContain("warning");
    }

    @Test
    void aSeedWithoutFaultsIsWarnedAbout() {
        CliRun run = CliRun.run(
                GcTypingCommand.commandLine(environment(Map.of())), "simulate", "--seed", "3", "--exit-after", "1ms");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("gctyping: warning: --seed changes nothing without --fault");
    }

    @Test
    void aNamedSecretVariableThatIsUnsetIsAnErrorNotTheDefaultSecret() {
        CommandLine cli = GcTypingCommand.commandLine(environment(Map.of("GCTYPING_SIM_SECRET", "other")));
        CliRun run = CliRun.run(cli, "simulate", "--client-secret-env", "MY_SIM_SECRET", "--exit-after", "1ms");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err())
                .startsWith("gctyping: --client-secret-env MY_SIM_SECRET: that environment variable is not set");
        assertThat(run.out()).as("no simulator started").isEmpty();
    }

    private static Environment environment(Map<String, String> variables) {
        return new Environment(Path.of("/nonexistent"), variables, InputStream.nullInputStream(), Clock.systemUTC());
    }
}
