package dev.gctyping.cli;

import dev.gctyping.app.Environment;
import dev.gctyping.app.LiveWire;
import dev.gctyping.app.Targets;
import dev.gctyping.dialect.PlannedWire;
import dev.gctyping.engine.Clock;
import dev.gctyping.protocol.IsoMillis;
import dev.gctyping.shell.CommandDispatcher;
import dev.gctyping.shell.GuestSide;
import dev.gctyping.shell.GuestWatch;
import dev.gctyping.shell.InteractiveShell;
import dev.gctyping.shell.LiveSession;
import dev.gctyping.shell.MonotonicClock;
import dev.gctyping.shell.PayloadLines;
import dev.gctyping.shell.PipedShell;
import dev.gctyping.shell.ShellOutput;
import dev.gctyping.support.GctypingHome;
import dev.gctyping.support.JsonLine;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gctyping shell}: type as an agent and watch the payloads happen live. */
@Command(
        name = "shell",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Type as an agent at a live prompt and watch the typing payloads happen on the real clock.",
        description = {
            "Every key pressed is a keystroke for the engine, on the real clock; Enter sends the line (a send event), "
                    + "the terminal window losing focus blurs, and the 'inactive' fires live when you stop typing for the expiry. "
                    + "Payloads appear above the prompt; a status bar shows idle/typing, the countdown to expiry and the counters. "
                    + "Ctrl-C clears the line, Ctrl-D or :quit leaves; on exit the agent_typing_engagement records print on stdout.",
            "",
            "Commands at the prompt (Tab completes them; history in ~/.gctyping/history):",
            "  :help, :state, :metrics, :quit",
            "  :set dedup DURATION, :set expiry DURATION",
            "  :conversation ID, :guest, :record FILE, :record off",
            "  ::TEXT sends a message that starts with ':' (::) sends :) )",
            "",
            "Payloads go over --dialect to the target (default: an embedded simulator, whose guest's frames are shown; "
                    + ":guest lists them); each line shows what the dialect puts on the wire. --dry-run sends nothing.",
            "",
            "Piped mode (stdin is not a terminal, or --batch): no prompt and no JLine. Each character of a line is a "
                    + "keystroke, one per --cadence; each newline sends the line; lines starting with ':' are commands; text "
                    + "after the last newline is typed but not sent. stdout carries only NDJSON: each payload's wire JSON as it "
                    + "is sent (as replay --print-payloads prints it), command records ({\"event\":\"state\",...}, the metrics), "
                    + "and the metrics records at the end, after the pending 'inactive's have fired. Messages go to stderr.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gctyping shell",
            "  gctyping shell --conversation conv-42 --agent agent-7 --dedup-window 250ms --expiry 5s --record typed.ndjson",
            "  printf 'hello\\n:state\\nstill typ' | gctyping shell --cadence 80ms > out.ndjson",
        })
public final class ShellCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Option(
            names = "--conversation",
            paramLabel = "ID",
            defaultValue = "conv-shell",
            description = "The conversation to type into (:conversation switches). Default: ${DEFAULT-VALUE}.")
    String conversationId;

    @Option(
            names = "--agent",
            paramLabel = "ID",
            defaultValue = "agent-${sys:user.name}",
            description = "The agent (senderId) typing. Default: agent- and your user name.")
    String agentId;

    @Mixin
    EngineOptions engine;

    @Mixin
    TargetOptions target;

    @Option(names = "--dry-run", description = "Engine only: show the payloads and send nothing (no target, no guest).")
    boolean dryRun;

    @Option(
            names = "--cadence",
            paramLabel = "DURATION",
            defaultValue = "120ms",
            converter = DurationConverter.class,
            description = "Piped mode: the time between two keystrokes. Default: ${DEFAULT-VALUE}.")
    long cadenceMs;

    @Option(
            names = "--guest-page",
            description = "Print the embedded simulator's live guest page URL on stderr "
                    + "(open it in a browser to see the conversation as its customer does).")
    boolean guestPage;

    @Option(names = "--batch", description = "Piped mode even on a terminal: read lines from stdin, no prompt.")
    boolean batch;

    @Option(
            names = "--record",
            paramLabel = "FILE",
            description =
                    "Record what is typed from the start, as a trace in the replay format (:record does it later).")
    Path recordFile;

    private final Environment environment;
    private final Clock clock;

    public ShellCommand(Environment environment) {
        this(environment, new MonotonicClock());
    }

    /** @param clock the engine's clock: monotonic, so the live expiry never jumps with the wall clock */
    ShellCommand(Environment environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        IgnoredOptions.of(spec)
                .reject(
                        dryRun,
                        "--dry-run",
                        "a dry run sends nothing: no target, no guest",
                        "--target",
                        "--region",
                        "--profile",
                        "--client-id",
                        "--guest-page");
        if (batch || System.console() == null) {
            return runPiped();
        }
        Terminal terminal = TerminalBuilder.builder().system(true).build();
        if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
            terminal.close(); // a dumb terminal would print prompts into stdout
            return runPiped();
        }
        IgnoredOptions.of(spec)
                .warn(true, "at the prompt", "it paces piped input: add --batch to type stdin's lines", "--cadence");
        try (terminal) {
            InteractiveShell shell = new InteractiveShell(
                    terminal, new GctypingHome(environment.variables(), environment.home()).historyFile());
            ShellOutput output = shell.output();
            runSession(
                    shell.payloadView(target.dialect()),
                    output,
                    (raw, summary) -> output.message("guest ← " + summary),
                    (live, guest) -> shell.loop(live, new CommandDispatcher(live, output, guest)));
        }
        return ExitCodes.OK;
    }

    private int runPiped() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ShellOutput output = ShellOutput.of(
                json -> {
                    out.println(json); // one line at a time: payloads come from the engine thread
                    out.flush();
                },
                text -> {
                    err.println(text);
                    err.flush();
                });
        IsoMillis iso = new IsoMillis();
        BiConsumer<String, String> guestFrames = (raw, summary) -> output.record(JsonLine.object()
                .field("event", "guest_frame")
                .field("at", iso.format(clock.millis()))
                .field("summary", summary)
                .rawField("frame", raw)
                .toString());
        runSession(new PayloadLines(target.dialect(), output::record), output, guestFrames, (live, guest) -> {
            try {
                new PipedShell(live, new CommandDispatcher(live, output, guest), cadenceMs)
                        .run(new InputStreamReader(environment.stdin(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CliException(ExitCodes.NO_INPUT, "cannot read stdin: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.INTERRUPTED, "interrupted");
            }
        });
        return ExitCodes.OK;
    }

    /**
     * Opens the session, runs {@code body} on it, closes it (the agent leaves) and prints the metrics
     * on stdout. If the process is stopped meanwhile (Ctrl-C in piped mode: exit 130), a shutdown
     * hook does the closing and printing instead, so a stopped session still reports, once.
     */
    private void runSession(
            PlannedWire.SendListener view,
            ShellOutput output,
            BiConsumer<String, String> guestFrames,
            BiConsumer<LiveSession, GuestSide> body) {
        long expiryMs = engine.settings().expiryMs();
        LiveWire wire = dryRun
                ? LiveWire.dry(target.dialect(), expiryMs, view)
                : LiveWire.open(
                        new Targets(environment), target.request(), target.dialect(), expiryMs, view, guestFrames);
        LiveSession session = new LiveSession(
                engine.settings(), conversationId, agentId, clock, (agent, signal, at) -> {}, wire.sink());
        if (guestPage) {
            wire.target()
                    .ifPresent(open -> GuestPages.print(open, spec.commandLine().getErr()));
        }
        GuestWatch guest = wire.guest();
        if (guest != null) {
            guest.follow(conversationId);
        }
        if (recordFile != null) {
            startRecording(session, wire);
        }
        AtomicBoolean reported = new AtomicBoolean();
        Runnable report = () -> {
            if (reported.compareAndSet(false, true)) {
                session.close();
                wire.close();
                printMetrics(session);
            }
        };
        Thread onStop = new Thread(report, "gctyping-shell-stop");
        Runtime.getRuntime().addShutdownHook(onStop);
        try {
            if (!logging.quiet()) {
                output.message(banner());
            }
            body.accept(session, guest);
        } finally {
            report.run();
            removeHook(onStop);
        }
    }

    /** Starts recording, or stops everything already started (nothing half-done) with exit 73. */
    private void startRecording(LiveSession session, LiveWire wire) {
        try {
            session.startRecording(recordFile);
        } catch (IOException e) {
            session.close();
            wire.close();
            throw new CliException(ExitCodes.CANT_CREATE, "cannot write " + recordFile + ": " + e.getMessage(), e);
        }
    }

    private String banner() {
        return "typing in " + conversationId + " as " + agentId + " (dedup " + engine.dedupWindowMs + "ms, expiry "
                + engine.expiryMs + "ms); "
                + (dryRun
                        ? "engine only: payloads are shown, never sent. "
                        : "payloads go over the wire; the guest's view is shown as it arrives (:guest lists it). ")
                + ":help lists the commands" + (batch || System.console() == null ? "." : ", Ctrl-D quits.");
    }

    private void printMetrics(LiveSession session) {
        PrintWriter out = spec.commandLine().getOut();
        session.metricsRecords().forEach(out::println);
        out.flush();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; it finds the session already reported
        }
    }
}
