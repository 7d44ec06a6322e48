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
            assertThat(spec.usageMessage().header()).as(name + " header").isNotEmpty();
            assertThat(spec.usageMessage().description()).as(name + " description").isNotEmpty();
            assertThat(spec.usageMessage().footer()).as(name + " examples").isNotEmpty();
            assertThat(spec.usageMessage().exitCodeList()).as(name + " exit codes").containsKeys("0", "2", "65", "77");
            assertThat(spec.findOption("--quiet")).as(name + " --quiet").isNotNull();
            assertThat(spec.findOption("--verbose")).as(name + " --verbose").isNotNull();
            for (OptionSpec option : spec.options()) {
                assertThat(option.description()).as(name + " " + option.longestName()).isNotEmpty();
            }
            CliRun help = CliRun.run(GcTypingCommand.commandLine(), (name.replaceFirst("^gctyping ?", "") + " --help").trim().split(" "));
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
        assertThat(run.err()).contains("Missing command");
    }
}
