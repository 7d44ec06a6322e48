package dev.gctyping.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: lists the subcommands; each subcommand is one class in this package. */
@Command(name = "gctyping",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Genesys Cloud Web Messaging typing indicators: replay, simulate, measure.",
        description = {
            "Turns agent keystrokes (trace files or a live prompt) into typing-indicator payloads with a pure "
                + "dedup/expiry engine, sends them to Genesys Cloud or to an embedded simulator, and reports NDJSON "
                + "engagement metrics on stdout. Logs and progress go to stderr.",
        },
        subcommands = {
            ReplayCommand.class,
            SmokeCommand.class,
            TuneCommand.class,
            SimulateCommand.class,
            ShellCommand.class,
            AuthCommand.class,
            ConnectCommand.class,
            CompletionCommand.class,
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gctyping replay --dry-run samples/single-agent.ndjson",
            "  gctyping replay --dry-run --print-payloads --expiry 5s samples/*.ndjson",
            "  gctyping simulate --fault drop-every=50",
            "  gctyping auth --region eu-west-1 --client-id ID   # secret in GENESYSCLOUD_OAUTHCLIENT_SECRET",
            "  gctyping connect --guest --deployment-id demo --conversation conv-1",
        })
public final class GcTypingCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of the commands below.");
    }

    /** Builds the command tree with our error handling; tests call this with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GcTypingCommand());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        documentExitCodes(cli);
        return cli;
    }

    private static void documentExitCodes(CommandLine cli) {
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.HELP_LIST);
        cli.getSubcommands().values().forEach(GcTypingCommand::documentExitCodes);
    }

    /** Runs with the process's real stdout/stderr; stdout is buffered and flushed at the end. */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        try {
            return commandLine().setOut(out).setErr(err).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
