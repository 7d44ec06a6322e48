package dev.gctyping.protocol.guest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.protocol.PlatformLimits;

/** One entry of a {@code StructuredMessage}'s {@code events[]}. Unknown event types are kept, not dropped. */
public sealed interface GuestEvent {
    String eventType();

    /**
     * {@code {"eventType":"Typing","typing":{"type":"On","duration":D}}}.
     *
     * @param durationMs null when absent: guests then show the indicator for {@link #FALLBACK_DURATION_MS}
     */
    record Typing(String type, Long durationMs) implements GuestEvent {
        /** What Genesys' guest SDK assumes when {@code duration} is missing. */
        public static final long FALLBACK_DURATION_MS = PlatformLimits.GUEST_TYPING_DISPLAY_MS;

        @Override
        public String eventType() {
            return "Typing";
        }

        public long effectiveDurationMs() {
            return durationMs == null ? FALLBACK_DURATION_MS : durationMs;
        }
    }

    /** {@code Presence} with {@code presence.type} {@code Join}, {@code Disconnect}, {@code Clear} or {@code SignIn}. */
    record Presence(String type) implements GuestEvent {
        @Override
        public String eventType() {
            return "Presence";
        }
    }

    record Unknown(String eventType, JsonNode raw) implements GuestEvent {}
}
