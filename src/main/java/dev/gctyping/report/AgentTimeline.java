package dev.gctyping.report;

import dev.gctyping.metrics.GuestTruth;
import dev.gctyping.metrics.Intervals;

/**
 * One (conversation, agent) as the report draws it: its marks in time order (parallel arrays), the
 * composing truth, what the guest saw (observed by the simulator, or modelled by the dialect's
 * rules), and how many marks were not kept because the recorder's memory bound was reached.
 */
public record AgentTimeline(
        String conversationId,
        String agentId,
        long[] times,
        Mark[] marks,
        long marksDropped,
        Intervals composing,
        Intervals guestSaw,
        boolean guestObserved) {
    public GuestTruth truth() {
        return GuestTruth.compare(composing, guestSaw);
    }

    /** When the guest saw typing that was no longer true. */
    public Intervals stale() {
        return guestSaw.minus(composing);
    }

    /** When the agent composed and the guest saw nothing. */
    public Intervals blind() {
        return composing.minus(guestSaw);
    }
}
