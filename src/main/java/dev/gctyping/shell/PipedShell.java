package dev.gctyping.shell;

import java.io.IOException;
import java.io.Reader;
import java.util.concurrent.ExecutionException;

/**
 * The shell without a terminal (a pipe, CI): no JLine, no prompt. Each character of a line is a
 * keystroke, one every {@code cadence}; the newline ending a line sends it; a line starting with
 * ':' is a command ('::' escapes a message that starts with ':'). Text after the last newline is typed but not sent, so its run ends by expiry.
 */
public final class PipedShell {
    private final LiveSession session;
    private final CommandDispatcher commands;
    private final long cadenceMs;

    public PipedShell(LiveSession session, CommandDispatcher commands, long cadenceMs) {
        this.session = session;
        this.commands = commands;
        this.cadenceMs = cadenceMs;
    }

    /**
     * Reads {@code in} to its end (or {@code :quit}). At the end of input it waits, on the real
     * clock, for the pending {@code inactive}s to fire; after {@code :quit} it does not.
     */
    public void run(Reader in) throws IOException, InterruptedException {
        StringBuilder line = new StringBuilder();
        while (true) {
            boolean ended = readLine(in, line);
            String text = line.toString();
            if (CommandDispatcher.isCommand(text)) {
                if (commands.dispatch(text) == CommandDispatcher.Next.QUIT) {
                    return;
                }
            } else {
                type(CommandDispatcher.message(text), ended);
            }
            if (!ended) {
                break;
            }
        }
        try {
            session.whenQuiet().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void type(String text, boolean send) throws InterruptedException {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            session.keystroke(new String(Character.toChars(codePoint)));
            i += Character.charCount(codePoint);
            Thread.sleep(cadenceMs); // the pace of a typist, on the real clock
        }
        if (send && !text.isEmpty()) { // an empty line has no message to send
            session.send(text);
        }
    }

    /** Reads one line into {@code line} (without its \n or \r\n); false when input ended before a newline. */
    private static boolean readLine(Reader in, StringBuilder line) throws IOException {
        line.setLength(0);
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                    line.setLength(line.length() - 1);
                }
                return true;
            }
            line.append((char) c);
        }
        return false;
    }
}
