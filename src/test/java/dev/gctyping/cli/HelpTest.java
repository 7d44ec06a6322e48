package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every command teaches: a header, a description, examples, described options and the exit codes; all take -q/-v. */
class HelpTest {
    private static List<CommandLine> allCommands(CommandLine cli) {
        List<CommandLine> all = new ArrayList<>();
        all.add(cli);
        for (CommandLine sub : cli.getSubcommands().values()) {
            all.addAll(allCommands(sub));
        }
        return all;
    }

    @Test
    void everyCommandAndOptionIsDocumented() {
        for (CommandLine cli : allCommands(GcTypingCommand.commandLine())) {
            CommandSpec spec = cli.getCommandSpec();
            String name = spec.qualifiedName();
            if (spec.helpCommand()) {
                continue; // picocli's own `help`
            }
            assertThat(spec.usageMessage().header()).as(name + " header").isNotEmpty();
            assertThat(spec.usageMessage().description())
                    .as(name + " description")
                    .isNotEmpty();
            assertThat(spec.usageMessage().footer()).as(name + " examples").isNotEmpty();
            assertThat(spec.usageMessage().exitCodeList())
                    .as(name + " exit codes")
                    .containsKeys("0", "2", "65", "77");
            assertThat(spec.findOption("--quiet")).as(name + " --quiet").isNotNull();
            assertThat(spec.findOption("--verbose")).as(name + " --verbose").isNotNull();
            for (OptionSpec option : spec.options()) {
                assertThat(option.description())
                        .as(name + " " + option.longestName())
                        .isNotEmpty();
            }
            CliRun help = CliRun.run(
                    GcTypingCommand.commandLine(),
                    (name.replaceFirst("^gctyping ?", "") + " --help").trim().split(" "));
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Usage: " + name).contains("Exit codes:");
        }
    }

    @Test
    void rootHelpListsEveryCommandWithOneLine() {
        CliRun run = CliRun.run("--help");
        for (String command : GcTypingCommand.commandLine().getSubcommands().keySet()) {
            assertThat(run.out()).containsPattern("(?m)^  " + command + " +\\S");
        }
    }

    @Test
    void versionNamesTheToolAndTheJavaRuntime() {
        CliRun run = CliRun.run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("gctyping ").contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.run();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err())
                .contains("Missing command: choose one of replay, smoke, tune,")
                .contains("see 'gctyping --help'");
    }

    @Test
    void aUsageErrorIsTheErrorAndAOneLineHintNotTheWholeHelp() {
        String[] args = {"replay", "--dry-run", "--bogus", "x.ndjson"};
        CliRun run = CliRun.run(GcTypingCommand.commandLineFor(args), args);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines())
                .as(run.err())
                .containsExactly("gctyping: Unknown option: '--bogus'", "see 'gctyping replay --help'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMistypedCommandGetsTheSuggestionAndTheHint() {
        CliRun run = CliRun.run("replya");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err())
                .contains("Unmatched argument at index 0: 'replya'")
                .contains("Did you mean: gctyping replay")
                .endsWith("see 'gctyping --help'" + System.lineSeparator())
                .doesNotContain("Usage:");
    }

    @Test
    void theHelpSubcommandShowsACommandsFullUsage() {
        String[] args = {"help", "replay"};
        CliRun run = CliRun.run(GcTypingCommand.commandLineFor(args), args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(CliRun.run("replay", "--help").out()).contains("--dry-run");
        assertThat(GcTypingCommand.chosenSubcommand("help", "tune")).isEqualTo("tune");

        CliRun root = CliRun.run(GcTypingCommand.commandLineFor("help"), "help");
        assertThat(root.exitCode()).isZero();
        assertThat(root.out()).isEqualTo(CliRun.run("--help").out()).containsPattern("(?m)^  help +\\S");
    }

    @Test
    void everySubcommandAnswersVersionAsTheRootDoes() {
        String version = CliRun.run("--version").out();
        for (String flag : List.of("--version", "-V")) {
            String[] args = {"replay", flag, "samples/transfer.ndjson"}; // replayed nothing, silently
            CliRun run = CliRun.run(GcTypingCommand.commandLineFor(args), args);
            assertThat(run.out()).as(flag).isEqualTo(version);
            assertThat(run.exitCode()).isZero();
        }
        CommandLine all = GcTypingCommand.commandLine();
        for (Class<?> type : GcTypingCommand.SUBCOMMANDS) {
            String name = type.getAnnotation(CommandLine.Command.class).name();
            java.io.StringWriter printed = new java.io.StringWriter();
            all.getSubcommands().get(name).printVersionHelp(new java.io.PrintWriter(printed, true));
            assertThat(printed.toString()).as(name + " --version").isEqualTo(version);
        }
    }

    @Test
    void examplesAreNeverWrapped() {
        for (CommandLine cli : allCommands(GcTypingCommand.commandLine())) {
            CommandSpec spec = cli.getCommandSpec();
            String command = spec.qualifiedName().replaceFirst("^gctyping ?", "");
            CliRun help = CliRun.run(
                    GcTypingCommand.commandLine(), (command + " --help").trim().split(" "));
            for (String example : spec.usageMessage().footer()) {
                assertThat(help.out().lines())
                        .as(command + " --help: one line each example")
                        .contains(example);
            }
        }
    }

    @Test
    void aDurationWithoutAUnitIsAUsageErrorShowingTheUnits() {
        CliRun run = CliRun.run("replay", "--dry-run", "--expiry", "3", "-");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--expiry").contains("'3' has no unit: write 3s or 3000ms");
    }
}
