package dev.gctyping.metrics;

import dev.gctyping.engine.Signal;
import dev.gctyping.protocol.Dialect;
import dev.gctyping.protocol.guest.GuestEvent;

/**
 * What a guest's UI shows for one agent: "agent is typing" during {@code [t, t + D)} after each
 * {@code Typing On} (D = 5000 ms when the frame has no duration), extended by later {@code On}s,
 * and ended at once by the agent's message or an explicit {@code Off}. Built either from the
 * frames a (simulated) guest received, or from the engine's payloads through a dialect's rules.
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

    /**
     * Applies what one engine payload becomes for the guest in a dialect: in {@code agent-api} an
     * {@code active} is an {@code On} lasting {@code durationMs}, an {@code inactive} sends nothing
     * except on a send (the message ends the indicator); in {@code seed} an {@code active} is an
     * {@code On} without duration and every {@code inactive} an explicit {@code Off}.
     */
    public void payload(Dialect dialect, Signal signal, long at, long durationMs) {
        if (signal.active()) {
            typingOn(at, dialect == Dialect.AGENT_API ? durationMs : GuestEvent.Typing.FALLBACK_DURATION_MS);
        } else if (dialect == Dialect.SEED || signal == Signal.INACTIVE_SENT) {
            end(at);
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
