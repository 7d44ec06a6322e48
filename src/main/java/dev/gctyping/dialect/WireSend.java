package dev.gctyping.dialect;

import dev.gctyping.metrics.GuestView;
import dev.gctyping.protocol.guest.GuestEvent;

/**
 * One thing a dialect puts on the wire, at a trace time: a typing {@code On} (with the duration the
 * guest shows it for, or 0 for none: the guest then uses its default), an explicit {@code Off}, or
 * the agent's message. What the guest sees follows from these alone, whatever the dialect.
 *
 * @param requests what it costs of the platform's request budget: 1, or 2 when the transport must
 *     first look up the conversation's agent communication (agent-api's first request in a conversation)
 */
public record WireSend(Kind kind, long at, long durationMs, String text, int requests) {
    public enum Kind {
        TYPING_ON,
        TYPING_OFF,
        MESSAGE
    }

    public static WireSend typingOn(long at, long durationMs) {
        return new WireSend(Kind.TYPING_ON, at, durationMs, null, 1);
    }

    public static WireSend typingOff(long at) {
        return new WireSend(Kind.TYPING_OFF, at, 0, null, 1);
    }

    public static WireSend message(long at, String text) {
        return new WireSend(Kind.MESSAGE, at, 0, text, 1);
    }

    /** The same send, costing one request more: a lookup goes before it. */
    public WireSend afterLookup() {
        return new WireSend(kind, at, durationMs, text, requests + 1);
    }

    /** What the guest's UI does with it: an On shows typing for its duration; an Off or a message ends it. */
    public void showTo(GuestView guest) {
        if (kind == Kind.TYPING_ON) {
            guest.typingOn(at, durationMs > 0 ? durationMs : GuestEvent.Typing.FALLBACK_DURATION_MS);
        } else {
            guest.end(at);
        }
    }
}
