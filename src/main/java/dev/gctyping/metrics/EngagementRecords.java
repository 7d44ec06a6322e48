package dev.gctyping.metrics;

import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.TypingEngine;
import dev.gctyping.protocol.IsoMillis;
import dev.gctyping.support.JsonLine;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A finished replay's {@code agent_typing_engagement} records, sorted by conversationId then
 * agentId, each rendered when asked for: 100 000 of them never take memory at once.
 *
 * <p>Once the replay is done nothing else writes to what they read, so several threads may render
 * at once, each with its own {@link Renderer}, provided each record is rendered on one thread only
 * (an agent's percentiles sort its own values in place) and the extension allows it ({@link
 * MetricsExtension#NONE} does).
 */
public final class EngagementRecords {
    private final AgentState[] sorted;
    private final Cadences cadences;
    private final MetricsExtension extension;

    EngagementRecords(TypingEngine engine, Cadences cadences, MetricsExtension extension) {
        // the states themselves, not boxed handles looked up on every comparison: with 100 000 agents each lookup is a
        // cache miss
        this.sorted = new AgentState[engine.agentCount()];
        Arrays.setAll(sorted, engine::state);
        Arrays.sort(sorted, (a, b) -> {
            int byConversation = a.conversationId().compareTo(b.conversationId());
            return byConversation != 0 ? byConversation : a.agentId().compareTo(b.agentId());
        });
        if (sorted.length > 0) {
            cadences.ensure(sorted.length - 1); // the one write rendering could share between threads
        }
        this.cadences = cadences;
        this.extension = extension;
    }

    public int size() {
        return sorted.length;
    }

    /** Every record in order, on this thread. */
    public void forEach(Consumer<String> to) {
        Renderer renderer = renderer();
        for (int i = 0; i < sorted.length; i++) {
            to.accept(renderer.render(i));
        }
    }

    /** Renders records on one thread, reusing its buffers: a record allocates only its String. */
    public Renderer renderer() {
        return new Renderer();
    }

    public final class Renderer {
        private final IsoMillis iso = new IsoMillis();
        private final StringBuilder record = new StringBuilder(1024);
        private final StringBuilder metricsBuffer = new StringBuilder(512);

        private Renderer() {}

        /** The record at {@code index} in the sorted order. */
        public String render(int index) {
            AgentState s = sorted[index];
            int agent = s.handle();
            Cadences c = cadences;
            JsonLine metrics = JsonLine.into(metricsBuffer)
                    .field("totalKeystrokes", s.keystrokes())
                    .field("suppressedKeystrokes", s.suppressed())
                    .field("activeSent", s.activeSent())
                    .field("inactiveSent", s.inactiveSent())
                    .field("messagesSent", s.messages())
                    .field("typingMs", s.typingMs())
                    .field("estimatedWPM", wordsPerMinute(s.keystrokes(), s.typingMs()))
                    .field("refreshesSent", s.refreshes())
                    .field("bursts", s.bursts())
                    .field("longestBurstMs", s.longestBurstMs())
                    .field("expiries", s.expiries())
                    .field("blurs", s.blurs())
                    .field("interKeyMsP50", c.interKeyMs(agent, 50))
                    .field("interKeyMsP95", c.interKeyMs(agent, 95))
                    .field("composeMsP50", c.composeMs(agent, 50))
                    .field("composeMsMax", c.composeMsMax(agent));
            if (c.firstEventAt(agent) != Cadences.NONE) {
                metrics.field("firstEventAt", iso.format(c.firstEventAt(agent)))
                        .field("lastEventAt", iso.format(c.lastEventAt(agent)));
            }
            extension.addTo(agent, metrics);
            return JsonLine.into(record)
                    .field("event", "agent_typing_engagement")
                    .field("conversationId", s.conversationId())
                    .field("agentId", s.agentId())
                    .rawField("metrics", metrics.close())
                    .close()
                    .toString();
        }
    }

    /** (keystrokes / 5) words over typing minutes; 0 with no typing time (the seed divided by zero). */
    static double wordsPerMinute(long keystrokes, long typingMs) {
        return typingMs == 0 ? 0 : (keystrokes / 5.0) / (typingMs / 60_000.0);
    }
}
