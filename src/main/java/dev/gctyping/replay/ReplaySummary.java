package dev.gctyping.replay;

import dev.gctyping.engine.TypingEngine;
import dev.gctyping.support.JsonLine;
import dev.gctyping.trace.TraceMerger;
import java.util.HashSet;
import java.util.Set;

/** The {@code replay_summary} record's trace and engine figures, for dry and wire replays alike. */
public final class ReplaySummary {
    private ReplaySummary() {}

    public static JsonLine of(TraceMerger trace, TypingEngine engine, ReplayStats stats) {
        Set<String> conversations = new HashSet<>();
        for (int agent = 0; agent < engine.agentCount(); agent++) {
            conversations.add(engine.state(agent).conversationId());
        }
        return JsonLine.object()
                .field("event", "replay_summary")
                .field("files", trace.files())
                .field("events", stats.events())
                .field("keystrokes", stats.keystrokes())
                .field("payloads", stats.payloads())
                .field("conversations", conversations.size())
                .field("agents", engine.agentCount())
                .field("invalidLines", trace.invalidLines())
                .field("elapsedMs", stats.elapsedMs())
                .field("eventsPerSecond", Math.round(stats.eventsPerSecond()));
    }
}
