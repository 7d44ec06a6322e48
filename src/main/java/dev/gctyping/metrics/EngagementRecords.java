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

    /** Renders records on one thread, reusing its buffer: a record allocates only its String. */
    public Renderer renderer() {
        return new Renderer();
    }

    public final class Renderer {
        private final IsoMillis iso = new IsoMillis();
        private final StringBuilder record = new StringBuilder(1024);

        private Renderer() {}

        /** The record at {@code index} in the sorted order. */
        public String render(int index) {
            AgentState s = sorted[index];
            int agent = s.handle();
            Cadences c = cadences;
            // written field by field with each name and its separators as one constant: 100 000 records are a
            // third of a large dry run, and small code is compiled soon
            StringBuilder r = record;
            r.setLength(0);
            r.append("{\"event\":\"agent_typing_engagement\",\"conversationId\":");
            JsonLine.appendString(r, s.conversationId());
            r.append(",\"agentId\":");
            JsonLine.appendString(r, s.agentId());
            r.append(",\"metrics\":{\"totalKeystrokes\":").append(s.keystrokes());
            r.append(",\"suppressedKeystrokes\":").append(s.suppressed());
            r.append(",\"activeSent\":").append(s.activeSent());
            r.append(",\"inactiveSent\":").append(s.inactiveSent());
            r.append(",\"messagesSent\":").append(s.messages());
            r.append(",\"typingMs\":").append(s.typingMs());
            r.append(",\"estimatedWPM\":");
            JsonLine.appendRate(r, wordsPerMinute(s.keystrokes(), s.typingMs()));
            r.append(",\"refreshesSent\":").append(s.refreshes());
            r.append(",\"bursts\":").append(s.bursts());
            r.append(",\"longestBurstMs\":").append(s.longestBurstMs());
            r.append(",\"expiries\":").append(s.expiries());
            r.append(",\"blurs\":").append(s.blurs());
            r.append(",\"interKeyMsP50\":").append(c.interKeyMs(agent, 50));
            r.append(",\"interKeyMsP95\":").append(c.interKeyMs(agent, 95));
            r.append(",\"composeMsP50\":").append(c.composeMs(agent, 50));
            r.append(",\"composeMsMax\":").append(c.composeMsMax(agent));
            long first = c.firstEventAt(agent);
            if (first != Cadences.NONE) {
                iso.append(r.append(",\"firstEventAt\":\""), first);
                iso.append(r.append("\",\"lastEventAt\":\""), c.lastEventAt(agent));
                r.append('"');
            }
            extension.addTo(agent, JsonLine.continuing(r));
            return r.append("}}").toString();
        }
    }

    /** (keystrokes / 5) words over typing minutes; 0 with no typing time (the seed divided by zero). */
    static double wordsPerMinute(long keystrokes, long typingMs) {
        return typingMs == 0 ? 0 : (keystrokes / 5.0) / (typingMs / 60_000.0);
    }
}
