package dev.gctyping.cli;

import dev.gctyping.app.Environment;
import dev.gctyping.simulator.Fault;
import dev.gctyping.support.LogLevels;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root command: lists the subcommands; each subcommand is one class in this package, registered in
 * {@link #SUBCOMMANDS} rather than in {@code @Command(subcommands = ...)} so that a run builds the picocli
 * model of the one subcommand it runs (building all of them was half of the start-up time).
 */
@Command(
        name = "gctyping",
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
        addMethodSubcommands = false,
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
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "Missing command: choose one of "
                        + String.join(", ", spec.subcommands().keySet()) + ".");
    }

    private static final String FAULTS_SECTION = "faults";

    /** The subcommands, in the order {@code --help} lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ReplayCommand.class,
            SmokeCommand.class,
            TuneCommand.class,
            SimulateCommand.class,
            ShellCommand.class,
            AuthCommand.class,
            ConnectCommand.class,
            CompletionCommand.class);

    /** picocli's help subcommand: {@code gctyping help [COMMAND]}. */
    private static final String HELP = "help";

    /** Builds the whole command tree with our error handling, for this process. */
    public static CommandLine commandLine() {
        return commandLine(Environment.system());
    }

    /** The whole command tree for jobs run in {@code environment}: tests pass their own home, variables and stdin. */
    public static CommandLine commandLine(Environment environment) {
        return commandLine(environment, null, true);
    }

    /**
     * The tree for one run: the subcommand named by the arguments is built in full. The others are added as
     * stand-ins (name, header, description), which is all the root's help and "did you mean" need, unless
     * the subcommand comes first: then the root has no arguments of its own and never prints its usage.
     */
    static CommandLine commandLineFor(String... args) {
        String chosen = chosenSubcommand(args);
        if (chosen == null) {
            return commandLine(Environment.system(), Set.of(), true);
        }
        return commandLine(Environment.system(), Set.of(chosen), !chosen.equals(chosenSubcommand(args[0])));
    }

    /** {@code built}: the subcommands to build in full, null for all of them; the rest are stand-ins or absent. */
    private static CommandLine commandLine(Environment environment, Set<String> built, boolean standIns) {
        LogLevels.reset(); // a new command line starts at the process's level, whatever the last one chose
        CommandLine cli = new CommandLine(new GcTypingCommand(), factory(environment));
        for (Class<?> type : SUBCOMMANDS) {
            Command command = type.getAnnotation(Command.class);
            if (built == null || built.contains(command.name())) {
                cli.addSubcommand(type);
            } else if (standIns) {
                cli.addSubcommand(standIn(command));
            }
        }
        cli.addSubcommand(new CommandLine.HelpCommand()); // gctyping help replay
        ErrorHandler errors = new ErrorHandler();
        cli.setExecutionExceptionHandler(errors);
        cli.setParameterExceptionHandler(errors);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        configureHelp(cli);
        documentFaults(cli);
        return cli;
    }

    /**
     * The subcommand's name if the first argument that is not an option names one (root options take no
     * values); null for none, an unknown name, or an {@code @argfile}, which picocli expands later.
     */
    static String chosenSubcommand(String... args) {
        boolean helpFor = false;
        for (String arg : args) {
            if (arg.startsWith("@")) {
                return null;
            }
            if (!helpFor && arg.equals(HELP)) {
                helpFor = true; // help NAME shows NAME's full usage: build NAME
            } else if (!arg.startsWith("-")) {
                for (Class<?> type : SUBCOMMANDS) {
                    Command command = type.getAnnotation(Command.class);
                    if (command.name().equals(arg)
                            || Arrays.asList(command.aliases()).contains(arg)) {
                        return command.name();
                    }
                }
                return null;
            }
        }
        return null;
    }

    /** Commands that run a job take its {@link Environment} through their constructor; the rest are built as usual. */
    private static IFactory factory(Environment environment) {
        IFactory defaults = CommandLine.defaultFactory();
        return new IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    return type.getConstructor(Environment.class).newInstance(environment);
                } catch (NoSuchMethodException noEnvironment) {
                    return defaults.create(type);
                }
            }
        };
    }

    private static CommandLine standIn(Command command) {
        CommandSpec spec = CommandSpec.create().name(command.name()).aliases(command.aliases());
        spec.usageMessage()
                .header(command.header())
                .description(command.description())
                .hidden(command.hidden());
        return new CommandLine(spec);
    }

    /** Every command that takes {@code --fault} lists the fault catalogue, before its exit codes. */
    private static void documentFaults(CommandLine cli) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommandSpec().findOption("--fault") != null) {
                sub.getHelpSectionMap()
                        .put(
                                FAULTS_SECTION,
                                help -> help.createHeading("%nFaults (--fault KEY=VALUE):%n") + Fault.helpSection());
                List<String> keys = new ArrayList<>(sub.getHelpSectionKeys());
                keys.add(
                        keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING),
                        FAULTS_SECTION);
                sub.setHelpSectionKeys(keys);
            }
        }
    }

    /**
     * On every command: the exit codes in its help, examples printed one a line as written (picocli would
     * wrap them at the terminal's width, and a wrapped command breaks when copied), and {@code --version}
     * answered as the root answers it (subcommands would otherwise print nothing).
     */
    private static void configureHelp(CommandLine cli) {
        cli.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.HELP_LIST);
        cli.getHelpSectionMap()
                .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, GcTypingCommand::unwrappedFooter);
        if (cli.getCommandSpec().versionProvider() == null) {
            cli.getCommandSpec().versionProvider(new VersionProvider());
        }
        cli.getSubcommands().values().forEach(GcTypingCommand::configureHelp);
    }

    private static String unwrappedFooter(CommandLine.Help help) {
        StringBuilder footer = new StringBuilder();
        for (String line : help.commandSpec().usageMessage().footer()) {
            footer.append(String.format(line)).append(System.lineSeparator());
        }
        return footer.toString();
    }

    /**
     * Runs with the process's real stdout/stderr; stdout is buffered and flushed at the end. Out of
     * memory, it is not flushed: only whole lines went out ({@link OutOfMemory}).
     */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(
                        new WholeLines(new FileOutputStream(FileDescriptor.out), 1 << 16), StandardCharsets.UTF_8),
                1 << 16));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        OutOfMemory.reportFromEveryThread();
        try {
            int exitCode = commandLineFor(args).setOut(out).setErr(err).execute(args);
            out.flush();
            return exitCode;
        } catch (OutOfMemoryError outOfMemory) {
            err.flush();
            return OutOfMemory.report(outOfMemory);
        } finally {
            err.flush();
        }
    }
}
