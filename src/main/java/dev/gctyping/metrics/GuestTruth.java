package dev.gctyping.metrics;

import dev.gctyping.support.JsonLine;

/**
 * The comparison QA cares about: for how long the guest saw typing that was no longer true
 * (stale) and for how long the agent composed while the guest saw nothing (blind).
 */
public record GuestTruth(long guestVisibleTypingMs, long staleTypingMs, long blindTypingMs, long maxStaleMs) {
    /** Nothing seen, nothing composed: the start of a sum. */
    public static final GuestTruth NONE = new GuestTruth(0, 0, 0, 0);

    public static GuestTruth compare(Intervals composing, Intervals visible) {
        Intervals stale = visible.minus(composing);
        return new GuestTruth(
                visible.length(), stale.length(), composing.minus(visible).length(), stale.longest());
    }

    /** The agent's composing time: what the guest saw truly (visible − stale) plus what it missed (blind). */
    public long composingMs() {
        return guestVisibleTypingMs - staleTypingMs + blindTypingMs;
    }

    /** The share of the guest's "typing" time that was no longer true (0 when the guest saw none). */
    public double staleShare() {
        return guestVisibleTypingMs == 0 ? 0 : (double) staleTypingMs / guestVisibleTypingMs;
    }

    /** The share of the agent's composing time the guest saw nothing (0 when the agent composed nothing). */
    public double blindShare() {
        long composing = composingMs();
        return composing == 0 ? 0 : (double) blindTypingMs / composing;
    }

    /** Two agents' (or conversations') truths summed; the longest stale stretch is the longer one. */
    public GuestTruth plus(GuestTruth other) {
        return new GuestTruth(
                guestVisibleTypingMs + other.guestVisibleTypingMs,
                staleTypingMs + other.staleTypingMs,
                blindTypingMs + other.blindTypingMs,
                Math.max(maxStaleMs, other.maxStaleMs));
    }

    /** These totals as {@code replay_summary} fields, with the shares thresholds read. */
    public JsonLine appendTotalsTo(JsonLine summary) {
        return summary.field("guestVisibleTypingMs", guestVisibleTypingMs)
                .field("staleTypingMs", staleTypingMs)
                .field("blindTypingMs", blindTypingMs)
                .field("maxStaleMs", maxStaleMs)
                .field("staleTypingShare", staleShare())
                .field("blindTypingShare", blindShare());
    }
}
