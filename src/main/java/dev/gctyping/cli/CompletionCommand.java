package dev.gctyping.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gctyping completion}: the bash (and zsh, through bashcompinit) completion script. */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        header = "Print the bash/zsh completion script: source <(gctyping completion)",
        description = "Prints the completion script generated from the command model (the same file as "
                + "completions/gctyping_completion.bash). zsh users: the script runs bashcompinit itself.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(gctyping completion)",
            "  gctyping completion > ~/.local/share/bash-completion/completions/gctyping",
        })
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    /** The script for the full command tree; the committed file must equal it (a test checks). */
    public static String script() {
        return AutoComplete.bash("gctyping", GcTypingCommand.commandLine());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(script()); // print, not println: a CRLF on Windows would break the script
        out.flush();
        return ExitCodes.OK;
    }
}
