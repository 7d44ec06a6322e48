package dev.gctyping.cli;

import java.io.PrintWriter;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * A one-line progress display on stderr ({@code \r}-rewritten), at most four times a second, and
 * only when stderr is a terminal: pipes and CI logs stay clean.
 */
final class ProgressLine implements LongConsumer {
    private static final long INTERVAL_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final LongSupplier bytesRead;
    private final long totalBytes;
    private final long started = System.nanoTime();
    private long lastDrawn = started;
    private boolean drawn;

    private ProgressLine(PrintWriter err, LongSupplier bytesRead, long totalBytes) {
        this.err = err;
        this.bytesRead = bytesRead;
        this.totalBytes = totalBytes;
    }

    /** A progress display, or a no-op when stderr is not a terminal or the user asked for quiet. */
    static LongConsumer create(PrintWriter err, boolean quiet, LongSupplier bytesRead, long totalBytes) {
        if (quiet || !Terminal.stderrIsTty()) {
            return events -> {};
        }
        return new ProgressLine(err, bytesRead, totalBytes);
    }

    @Override
    public void accept(long events) {
        long now = System.nanoTime();
        if (now - lastDrawn < INTERVAL_NANOS) {
            return;
        }
        lastDrawn = now;
        drawn = true;
        double seconds = (now - started) / 1e9;
        String percent =
                totalBytes > 0 ? String.format("%3d%% ", Math.min(100, bytesRead.getAsLong() * 100 / totalBytes)) : "";
        err.printf("\rreplay: %s%,d events, %,.0f events/s ", percent, events, events / seconds);
        err.flush();
    }

    /** Clears the line so the next stderr message starts clean. */
    static void finish(LongConsumer progress) {
        if (progress instanceof ProgressLine line && line.drawn) {
            line.err.print("\r\033[K");
            line.err.flush();
        }
    }
}
