package dev.gctyping.metrics;

/**
 * The comparison QA cares about: for how long the guest saw typing that was no longer true
 * (stale) and for how long the agent composed while the guest saw nothing (blind).
 */
public record GuestTruth(long guestVisibleTypingMs, long staleTypingMs, long blindTypingMs, long maxStaleMs) {
    public static GuestTruth compare(Intervals composing, Intervals visible) {
        Intervals stale = visible.minus(composing);
        return new GuestTruth(visible.length(), stale.length(), composing.minus(visible).length(), stale.longest());
    }
}
