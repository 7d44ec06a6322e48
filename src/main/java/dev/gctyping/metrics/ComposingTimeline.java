package dev.gctyping.metrics;

/**
 * The truth about when one agent was composing (docs/guest-truth.md): the union,
 * over its keystrokes k, of {@code [k, k + P)}, each cut short at the agent's next send or blur.
 * It depends only on the trace and the pause threshold P, never on the engine's settings, so
 * every setting can be compared against the same truth.
 */
public final class ComposingTimeline {
    /** XEP-0085's "paused" and Stream's 2 s hold: a longer gap means the agent stopped composing. */
    public static final long DEFAULT_PAUSE_MS = 2_000;

    private final long pauseMs;
    private final Intervals closed = new Intervals();
    private boolean open;
    private long openStart;
    private long openEnd;

    public ComposingTimeline(long pauseMs) {
        this.pauseMs = pauseMs;
    }

    public void keystroke(long at) {
        if (open && at <= openEnd) {
            openEnd = Math.max(openEnd, at + pauseMs);
            return;
        }
        close();
        open = true;
        openStart = at;
        openEnd = at + pauseMs;
    }

    /** A send or blur ends composing at once. */
    public void stop(long at) {
        if (open) {
            openEnd = Math.min(openEnd, at);
            close();
        }
    }

    private void close() {
        if (open) {
            closed.add(openStart, openEnd);
            open = false;
        }
    }

    /** The composing intervals; ends the open one, so call it once the trace is done. */
    public Intervals intervals() {
        close();
        return closed;
    }
}
