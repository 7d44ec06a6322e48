package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A run builds only the subcommand it runs; users must not be able to tell. */
class LazyCommandTreeTest {
    private static void assertSameAsFullTree(String... args) {
        CliRun full = CliRun.run(GcTypingCommand.commandLine(), args);
        CliRun lazy = CliRun.run(GcTypingCommand.commandLineFor(args), args);
        assertThat(lazy.exitCode()).as(String.join(" ", args)).isEqualTo(full.exitCode());
        assertThat(lazy.out()).as(String.join(" ", args)).isEqualTo(full.out());
        assertThat(lazy.err()).as(String.join(" ", args)).isEqualTo(full.err());
    }

    @Test
    void rootHelpFromStandInsIsTheFullTreesHelp() {
        assertSameAsFullTree("--help");
        assertSameAsFullTree();
        assertSameAsFullTree("--version");
        assertSameAsFullTree("replya", "--dry-run"); // the "did you mean" suggestion needs every name
        assertSameAsFullTree("--bogus", "replay", "x.ndjson"); // the root's own usage error lists the commands
        assertSameAsFullTree("-h", "replay");
    }

    @Test
    void everySubcommandsHelpIsTheFullTreesHelp() {
        for (Class<?> type : GcTypingCommand.SUBCOMMANDS) {
            assertSameAsFullTree("-q", type.getAnnotation(Command.class).name(), "--help");
        }
    }

    @Test
    void theChosenSubcommandIsTheFirstArgumentThatIsNotAnOption() {
        assertThat(GcTypingCommand.chosenSubcommand("-v", "replay", "tune")).isEqualTo("replay");
        assertThat(GcTypingCommand.chosenSubcommand("--help")).isNull();
        assertThat(GcTypingCommand.chosenSubcommand("replya")).isNull();
        assertThat(GcTypingCommand.chosenSubcommand("@args.txt")).isNull();
    }

    @Test
    void onlyTheChosenSubcommandIsBuilt() {
        CommandLine replay = GcTypingCommand.commandLineFor("replay", "--dry-run", "x.ndjson");
        assertThat((Object) replay.getSubcommands().get("replay").getCommand()).isInstanceOf(ReplayCommand.class);
        assertThat(replay.getSubcommands()).containsOnlyKeys("replay", "help");

        CommandLine afterRootOption = GcTypingCommand.commandLineFor("-q", "replay", "--dry-run", "x.ndjson");
        assertThat((Object) afterRootOption.getSubcommands().get("replay").getCommand())
                .isInstanceOf(ReplayCommand.class);
        assertThat((Object) afterRootOption.getSubcommands().get("tune").getCommand())
                .as("a stand-in")
                .isNull();

        CommandLine smoke = GcTypingCommand.commandLineFor("smoke");
        assertThat((Object) smoke.getSubcommands().get("smoke").getCommand()).isInstanceOf(SmokeCommand.class);
        assertThat(smoke.getSubcommands())
                .as("smoke runs the replay job itself, not the replay command")
                .containsOnlyKeys("smoke", "help");
    }
}
