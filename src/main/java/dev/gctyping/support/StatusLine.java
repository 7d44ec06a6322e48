package dev.gctyping.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The one status line (a replay's progress) a terminal's stderr shows below the log, kept apart from
 * log lines: a log line first wipes the status, which its owner redraws on its next tick, so a log
 * line never starts in the middle of the status.
 */
public final class StatusLine {
    /** Back to the line's start, then erase it. */
    private static final String WIPE = "\r\033[K";

    private static final byte[] WIPE_BYTES = WIPE.getBytes(StandardCharsets.US_ASCII);
    private static final Object LOCK = new Object();
    private static boolean shown;

    private StatusLine() {}

    /** Replaces the status with {@code text} (no newline: the next one overwrites it). */
    public static void show(PrintWriter err, String text) {
        synchronized (LOCK) {
            err.print(WIPE + text);
            err.flush();
            shown = true;
        }
    }

    /** Ends the status: what it last said stays, on a line of its own. */
    public static void end(PrintWriter err) {
        synchronized (LOCK) {
            if (shown) {
                err.println();
                err.flush();
                shown = false;
            }
        }
    }

    /** Where log lines go: {@code err}, each line wiping a status that is showing first. */
    static OutputStream forLogs(OutputStream err) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (LOCK) {
                    if (shown) {
                        err.write(WIPE_BYTES);
                        shown = false;
                    }
                    err.write(b, off, len);
                }
            }

            @Override
            public void flush() throws IOException {
                err.flush();
            }
        };
    }
}
