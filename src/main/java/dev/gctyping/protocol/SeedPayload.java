package dev.gctyping.protocol;

import dev.gctyping.support.JsonLine;

/**
 * The seed tutorial's typing payload, exactly as it goes on the wire:
 * {@code {"type":"typing","conversationId":…,"senderId":…,"timestamp":…,"state":"active"|"inactive"}}.
 */
public final class SeedPayload {
    private final IsoMillis timestamps = new IsoMillis();
    private final StringBuilder buffer = new StringBuilder(160);
    private final StringBuilder timestamp = new StringBuilder(24);

    /** Encodes into a reused buffer; the result is valid until the next call. */
    public CharSequence encode(String conversationId, String senderId, long at, boolean active) {
        timestamp.setLength(0);
        timestamps.append(timestamp, at);
        return JsonLine.into(buffer)
                .field("type", "typing")
                .field("conversationId", conversationId)
                .field("senderId", senderId)
                .field("timestamp", timestamp)
                .field("state", active ? "active" : "inactive")
                .close();
    }
}
