package dev.gctyping.metrics;

/**
 * What a guest's UI shows for one agent: "agent is typing" during {@code [t, t + D)} after each
 * {@code Typing On} (D = 5000 ms when the frame has no duration), extended by later {@code On}s,
 * and ended at once by the agent's message or an explicit {@code Off}. Built either from the
 * frames a (simulated) guest received, or from what a dialect's plan sends.
 */
public final class GuestView {
    private final Intervals closed = new Intervals();
    private boolean open;
    private long openStart;
    private long openEnd;

    /** A {@code Typing On} at {@code at}, shown for {@code durationMs}. */
    public void typingOn(long at, long durationMs) {
        closeIfLapsed(at);
        if (open) {
            openEnd = Math.max(openEnd, at + durationMs);
        } else {
            open = true;
            openStart = at;
            openEnd = at + durationMs;
        }
    }

    /** The agent's message, or an explicit {@code Off}: the indicator ends now. */
    public void end(long at) {
        closeIfLapsed(at);
        if (open) {
            closed.add(openStart, Math.max(openStart, at));
            open = false;
        }
    }

    private void closeIfLapsed(long at) {
        if (open && openEnd < at) {
            closed.add(openStart, openEnd);
            open = false;
        }
    }

    /** The visible intervals, the last one running to its lapse; call once all frames are in. */
    public Intervals intervals() {
        if (open) {
            closed.add(openStart, openEnd);
            open = false;
        }
        return closed;
    }
}
