package dev.gctyping.shell;

import dev.gctyping.support.Durations;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The {@code :commands} of the prompt, the same in the interactive and the piped mode. */
public final class CommandDispatcher {
    /** What the input loop does after a command. */
    public enum Next {
        CONTINUE,
        QUIT
    }

    /** The command words, for completion. */
    public static final List<String> COMMANDS =
            List.of(":help", ":state", ":metrics", ":set", ":conversation", ":guest", ":record", ":quit");

    public static final List<String> SETTINGS = List.of("dedup", "expiry");
    public static final String RECORD_OFF = "off";
    private static final String ESCAPE = "::";

    static final String HELP = String.join(
            "\n",
            "Every key is a keystroke; Enter sends the line; leaving the terminal window blurs.",
            "  :help                 this help",
            "  :state                the agent's state and counters (a JSON record)",
            "  :metrics              the agent_typing_engagement records so far",
            "  :set dedup DURATION   change the dedup window W (e.g. 250ms)",
            "  :set expiry DURATION  change the expiry E (e.g. 5s)",
            "  :conversation ID      type into another conversation (blurs the current one)",
            "  :guest                the guest's last frames",
            "  :record FILE          write what is typed as a replay trace; :record off stops",
            "  :quit                 leave (Ctrl-D too); the metrics print on stdout",
            "  ::TEXT                a message that starts with ':' (::) sends :) )");

    static final String NO_GUEST =
            "no guest is attached: with --dry-run (or against a real org) payloads are only shown here";

    private final LiveSession session;
    private final ShellOutput output;

    private final GuestSide guest;

    /** A dispatcher with no guest attached ({@code --dry-run}, tests). */
    public CommandDispatcher(LiveSession session, ShellOutput output) {
        this(session, output, null);
    }

    /** @param guest the guest's side, or null when none is attached */
    public CommandDispatcher(LiveSession session, ShellOutput output, GuestSide guest) {
        this.guest = guest;
        this.session = session;
        this.output = output;
    }

    /** Whether a line of input is a command rather than text to type: it starts with ':', but not with the escape '::'. */
    public static boolean isCommand(String line) {
        return line.startsWith(":") && !line.startsWith(ESCAPE);
    }

    /** The message a line that is not a command sends: '::' escapes a leading ':'. */
    public static String message(String line) {
        return line.startsWith(ESCAPE) ? line.substring(1) : line;
    }

    /** Runs one command line (starting with ':'); a bad one gets a message and changes nothing. */
    public Next dispatch(String line) {
        String[] words = line.trim().split("\\s+");
        String argument =
                words.length > 1 ? line.trim().substring(words[0].length()).trim() : "";
        switch (words[0]) {
            case ":help" -> output.message(HELP);
            case ":state" -> output.record(session.snapshot().toJson(session.clockMillis()));
            case ":metrics" -> session.metricsRecords().forEach(output::record);
            case ":set" -> set(words);
            case ":conversation" -> conversation(argument);
            case ":guest" -> guest();
            case ":record" -> record(argument);
            case ":quit" -> {
                return Next.QUIT;
            }
            default -> output.message("unknown command " + words[0] + " (:help lists the commands)");
        }
        return Next.CONTINUE;
    }

    private void set(String[] words) {
        if (words.length != 3 || !SETTINGS.contains(words[1])) {
            output.message("usage: :set dedup DURATION | :set expiry DURATION (e.g. :set dedup 250ms)");
            return;
        }
        long millis;
        try {
            millis = Durations.parseMillis(words[2]);
        } catch (IllegalArgumentException e) {
            output.message(e.getMessage());
            return;
        }
        if (words[1].equals("dedup")) {
            session.dedupWindow(millis);
            output.message("dedup window is now " + millis + "ms" + recordingNote());
        } else {
            session.expiry(millis);
            output.message(
                    "expiry is now " + millis + "ms (a run already typing keeps its deadline)" + recordingNote());
        }
    }

    private String recordingNote() {
        Path recording = session.snapshot().recording();
        return recording == null ? "" : "; recorded in " + recording;
    }

    private void conversation(String id) {
        if (id.isEmpty() || id.contains(" ")) {
            output.message("usage: :conversation ID");
            return;
        }
        session.conversation(id);
        if (guest != null) {
            guest.follow(id);
        }
        output.message("now typing in conversation " + id);
    }

    private void guest() {
        if (guest == null) {
            output.message(NO_GUEST);
        } else if (guest.lastFrames().isEmpty()) {
            output.message("the guest has received nothing yet");
        } else {
            guest.lastFrames().forEach(frame -> output.message("guest ← " + frame));
        }
    }

    private void record(String argument) {
        if (argument.isEmpty()) {
            output.message("usage: :record FILE | :record off");
        } else if (argument.equals(RECORD_OFF)) {
            Path stopped = session.stopRecording();
            output.message(stopped == null ? "not recording" : "recording stopped: " + stopped);
        } else {
            Path file = Path.of(argument);
            try {
                session.startRecording(file);
                output.message("recording to " + file + " (replay it with: gctyping replay --dry-run " + file + ")");
            } catch (IOException e) {
                output.message("cannot write " + file + ": " + e.getMessage());
            }
        }
    }
}
