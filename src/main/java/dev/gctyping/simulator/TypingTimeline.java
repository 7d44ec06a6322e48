package dev.gctyping.simulator;

import dev.gctyping.protocol.SimulatorReport.Interval;
import dev.gctyping.protocol.guest.GuestEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The typing indicator one sender shows a guest, in trace time (docs/guest-truth.md).
 * Not thread-safe: its conversation guards it. Times that go backwards are taken as the latest time
 * seen, so a late or reordered payload never makes an interval run backwards.
 */
final class TypingTimeline {
    /** What a guest shows when {@code Typing On} carries no duration (Genesys' fallback). */
    static final long DEFAULT_DURATION_MS = GuestEvent.Typing.FALLBACK_DURATION_MS;

    static final String BY_DURATION = "duration";
    static final String BY_MESSAGE = "message";
    static final String BY_INACTIVE = "inactive";
    static final String OPEN = "open";

    private final List<Interval> closed = new ArrayList<>();
    private boolean showing;
    private long start;
    private long end;
    private long latest = Long.MIN_VALUE;

    /** {@code Typing On} at {@code at}, shown for {@code durationMs}. */
    void on(long at, long durationMs) {
        long t = advance(at);
        if (showing && t < end) {
            end = Math.max(end, t + durationMs);
            return;
        }
        if (showing) {
            closed.add(new Interval(start, end, BY_DURATION));
        }
        showing = true;
        start = t;
        end = t + durationMs;
    }

    /** The indicator is taken down at {@code at} (the agent's message, or seed {@code inactive}). */
    void stop(long at, String reason) {
        long t = advance(at);
        if (!showing) {
            return;
        }
        closed.add(t < end ? new Interval(start, t, reason) : new Interval(start, end, BY_DURATION));
        showing = false;
    }

    private long advance(long at) {
        latest = Math.max(latest, at);
        return latest;
    }

    /**
     * All intervals so far; the current one ends by {@code duration} if {@code now} (the latest trace
     * time seen in the conversation) is past its end, else it is {@code open}.
     */
    List<Interval> intervals(long now) {
        List<Interval> all = new ArrayList<>(closed);
        if (showing) {
            all.add(new Interval(start, end, end <= now ? BY_DURATION : OPEN));
        }
        return all;
    }

    static long totalMs(List<Interval> intervals) {
        long total = 0;
        for (Interval interval : intervals) {
            total += interval.end() - interval.start();
        }
        return total;
    }
}
