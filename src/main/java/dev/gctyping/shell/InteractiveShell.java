package dev.gctyping.shell;

import dev.gctyping.dialect.Dialect;
import dev.gctyping.dialect.PlannedWire;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.jline.builtins.Completers.FileNameCompleter;
import org.jline.reader.Buffer;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.Widget;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live prompt on a real terminal (JLine 3). Every key typed into the line is a keystroke for
 * the session, Backspace included; Enter sends the line, or runs it when it starts with ':';
 * the terminal losing focus is a blur. Payloads and command output appear above the prompt, and
 * a status bar below it shows the agent's state, the countdown to expiry and the counters.
 */
public final class InteractiveShell {
    private static final Logger LOG = LoggerFactory.getLogger(InteractiveShell.class);
    /** JLine logs through java.util.logging (e.g. history file warnings) straight onto the terminal; keep it quiet. */
    private static final java.util.logging.Logger JLINE_JUL = java.util.logging.Logger.getLogger("org.jline");

    private static final String STATUS_WIDGET = "gctyping-status";
    private static final long STATUS_REFRESH_MS = 200;
    private static final String PROMPT = "gctyping> ";

    static {
        JLINE_JUL.setLevel(Level.SEVERE);
    }

    private final Terminal terminal;
    private final LineReader reader;

    /** @param historyFile where the prompt's history is kept (created 0600), or null for none */
    public InteractiveShell(Terminal terminal, Path historyFile) {
        this.terminal = terminal;
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("gctyping")
                .completer(commandCompleter());
        if (historyFile != null && prepareHistory(historyFile)) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        this.reader = builder.build();
    }

    /**
     * Shows each send above the prompt as the dialect puts it on the wire; safe from the engine thread.
     * The status bar is redrawn first, so it never lags behind the payloads it summarises (the timer's
     * redraw can be late).
     */
    public PlannedWire.SendListener payloadView(Dialect dialect) {
        return new PayloadLines(dialect, json -> {
            refreshStatus();
            reader.printAbove("→ " + json);
        });
    }

    /** Command output, above the prompt. */
    public ShellOutput output() {
        return ShellOutput.of(reader::printAbove, reader::printAbove);
    }

    /** Reads the prompt until {@code :quit} or Ctrl-D (Ctrl-C only clears the line); the caller closes the session. */
    public void loop(LiveSession session, CommandDispatcher commands) {
        installWidgets(session);
        Status status = Status.getStatus(terminal);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gctyping-status");
            thread.setDaemon(true);
            return thread;
        });
        reader.getWidgets().put(STATUS_WIDGET, () -> {
            status.update(List.of(new AttributedString(session.latest().statusLine(session.clockMillis()))));
            return true;
        });
        ticker.scheduleWithFixedDelay(this::refreshStatus, 0, STATUS_REFRESH_MS, TimeUnit.MILLISECONDS);
        boolean focusTracked = terminal.trackFocus(true);
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException ctrlC) {
                    continue; // JLine has already dropped the line
                } catch (EndOfFileException ctrlD) {
                    return;
                }
                if (CommandDispatcher.isCommand(line)) {
                    if (commands.dispatch(line) == CommandDispatcher.Next.QUIT) {
                        return;
                    }
                } else if (!line.isEmpty()) {
                    session.send(CommandDispatcher.message(line));
                }
            }
        } finally {
            ticker.shutdownNow();
            if (focusTracked) {
                terminal.trackFocus(false);
            }
            status.update(List.of());
            saveHistory();
        }
    }

    private void installWidgets(LiveSession session) {
        Map<String, Widget> widgets = reader.getWidgets();
        Widget selfInsert = widgets.get(LineReader.SELF_INSERT);
        widgets.put(LineReader.SELF_INSERT, () -> {
            String key = reader.getLastBinding();
            if (!editingCommand(key)) {
                session.keystroke(key);
            }
            return selfInsert.apply();
        });
        Widget backspace = widgets.get(LineReader.BACKWARD_DELETE_CHAR);
        widgets.put(LineReader.BACKWARD_DELETE_CHAR, () -> {
            if (!editingCommand("")) {
                session.keystroke("Backspace");
            }
            return backspace.apply();
        });
        Widget focusOut = widgets.get(LineReader.FOCUS_OUT);
        widgets.put(LineReader.FOCUS_OUT, () -> {
            session.blur();
            return focusOut.apply();
        });
    }

    /**
     * Typing a ':' command is talking to the tool, not typing to the guest; once the line starts with the
     * escape '::' it is a message again (its first ':' was not a keystroke, and is not sent).
     */
    private boolean editingCommand(String inserted) {
        Buffer buffer = reader.getBuffer();
        String line = buffer.toString();
        return CommandDispatcher.isCommand(
                line.substring(0, buffer.cursor()) + inserted + line.substring(buffer.cursor()));
    }

    private void refreshStatus() {
        try {
            reader.callWidget(STATUS_WIDGET); // runs under the reader's lock, so it never tears a redisplay
        } catch (IllegalStateException notReading) {
            // between two readLine calls: the next tick draws it
        }
    }

    private void saveHistory() {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            LOG.warn("could not save the prompt history: {}", e.toString());
        }
    }

    /** The history holds what was typed, so only its owner may read it. */
    private static boolean prepareHistory(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException exists) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return true;
        } catch (UnsupportedOperationException notPosix) {
            return true;
        } catch (IOException e) {
            LOG.warn("prompt history disabled: cannot use {}: {}", file, e.toString());
            return false;
        }
    }

    private static Completer commandCompleter() {
        List<String> simple = CommandDispatcher.COMMANDS.stream()
                .filter(c -> !c.equals(":set") && !c.equals(":record"))
                .toList();
        return new AggregateCompleter(
                new ArgumentCompleter(new StringsCompleter(simple), NullCompleter.INSTANCE),
                new ArgumentCompleter(
                        new StringsCompleter(":set"),
                        new StringsCompleter(CommandDispatcher.SETTINGS),
                        NullCompleter.INSTANCE),
                new ArgumentCompleter(
                        new StringsCompleter(":record"),
                        new AggregateCompleter(
                                new StringsCompleter(CommandDispatcher.RECORD_OFF), new FileNameCompleter()),
                        NullCompleter.INSTANCE));
    }
}
