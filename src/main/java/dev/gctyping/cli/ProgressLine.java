package dev.gctyping.cli;

import dev.gctyping.app.ProgressReporter;
import dev.gctyping.app.ReplayProgress;
import dev.gctyping.support.StatusLine;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress display on stderr ({@code \r}-rewritten four times a second), only when stderr
 * is a terminal: pipes and CI logs stay clean. Its own thread draws it, so a paced replay waiting
 * for its next event and a replay waiting for its last deliveries show progress too. When the
 * replay ends, the line shows where it ended (100 % of the input when it was all read) and stays.
 * Log lines written meanwhile wipe it first ({@link StatusLine}); the next tick draws it again.
 */
final class ProgressLine implements ProgressReporter.Showing {
    private static final long INTERVAL_MILLIS = 250;

    private final PrintWriter err;
    private final ReplayProgress progress;
    private final long started = System.nanoTime();
    private final Thread drawer;
    private volatile boolean stopped;
    private boolean drawn;

    private ProgressLine(PrintWriter err, ReplayProgress progress) {
        this.err = err;
        this.progress = progress;
        this.drawer = new Thread(this::drawUntilStopped, "gctyping-progress");
        drawer.setDaemon(true);
    }

    /** Progress on stderr, or nothing when stderr is not a terminal or the user asked for quiet. */
    static ProgressReporter reporter(PrintWriter err, boolean quiet) {
        if (quiet || !Terminal.stderrIsTty()) {
            return ProgressReporter.NONE;
        }
        return progress -> showing(err, progress);
    }

    /** Starts drawing {@code progress} on {@code err}, whatever it is. */
    static ProgressReporter.Showing showing(PrintWriter err, ReplayProgress progress) {
        ProgressLine line = new ProgressLine(err, progress);
        line.drawer.start();
        return line;
    }

    private void drawUntilStopped() {
        try {
            while (!stopped) {
                Thread.sleep(INTERVAL_MILLIS);
                if (!stopped) {
                    draw();
                }
            }
        } catch (InterruptedException e) {
            // closed: the closing thread draws the last state
        }
    }

    /**
     * Draws the last state and ends the line, also after Ctrl-C (this thread is then interrupted): a
     * status left showing would be wiped by the next log line. The drawer stops at its interrupt, so
     * waiting for it is short; the interrupt is kept for the caller.
     */
    @Override
    public void close() {
        stopped = true;
        drawer.interrupt();
        boolean interrupted = false;
        while (drawer.isAlive()) {
            try {
                drawer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (drawn) {
            draw();
            StatusLine.end(err);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void draw() {
        drawn = true;
        StatusLine.show(err, text(progress, (System.nanoTime() - started) / 1e9));
    }

    /** What the line says, {@code seconds} into the replay. */
    static String text(ReplayProgress progress, double seconds) {
        StringBuilder line = new StringBuilder("replay: ");
        double share = progress.share();
        if (share >= 0) {
            line.append(String.format(Locale.ROOT, "%3d%% ", (int) (share * 100)));
        }
        long events = progress.events();
        line.append(
                String.format(Locale.ROOT, "%,d events, %,.0f events/s", events, seconds > 0 ? events / seconds : 0.0));
        long traceMs = progress.traceElapsedMs();
        long spanMs = progress.traceSpanMs();
        if (traceMs >= 0 && spanMs >= 0) {
            line.append(
                    String.format(Locale.ROOT, ", %.1f of %.1f s of trace time", traceMs / 1000.0, spanMs / 1000.0));
        } else if (traceMs >= 0) {
            line.append(String.format(Locale.ROOT, ", %.1f s of trace time", traceMs / 1000.0));
        }
        if (progress.overTheWire()) {
            line.append(String.format(
                    Locale.ROOT, " · %,d sent, %,d acknowledged", progress.sent(), progress.acknowledged()));
            int pending = progress.pending();
            if (pending > 0) {
                line.append(String.format(Locale.ROOT, ", %,d pending", pending));
            }
        }
        return line.toString();
    }
}
