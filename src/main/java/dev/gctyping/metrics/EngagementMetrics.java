package dev.gctyping.metrics;

import dev.gctyping.engine.AgentActivity;
import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.TypingEngine;
import dev.gctyping.protocol.IsoMillis;
import dev.gctyping.support.JsonLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The per-(conversation, agent) {@code agent_typing_engagement} records: the engine's counters
 * joined with the cadence observed in the raw events. Fed event by event next to the engine.
 */
public final class EngagementMetrics implements AgentActivity {
    private final Cadences cadences = new Cadences();
    /** 0 when the composing truth is not needed (dry runs), else the pause threshold P. */
    private final long pauseThresholdMs;

    private final List<ComposingTimeline> composing = new ArrayList<>();

    public EngagementMetrics() {
        this(0);
    }

    /** Also tracks each agent's composing truth, for the guest-truth metrics of wire replays. */
    public EngagementMetrics(long pauseThresholdMs) {
        this.pauseThresholdMs = pauseThresholdMs;
    }

    @Override
    public void keystroke(int agent, long at) {
        cadences.keystroke(agent, at);
        if (pauseThresholdMs > 0) {
            composing(agent).keystroke(at);
        }
    }

    @Override
    public void send(int agent, long at) {
        cadences.send(agent, at);
        if (pauseThresholdMs > 0) {
            composing(agent).stop(at);
        }
    }

    @Override
    public void blur(int agent, long at) {
        cadences.blur(agent, at);
        if (pauseThresholdMs > 0) {
            composing(agent).stop(at);
        }
    }

    private ComposingTimeline composing(int agent) {
        while (composing.size() <= agent) {
            composing.add(new ComposingTimeline(pauseThresholdMs));
        }
        return composing.get(agent);
    }

    /** The agent's composing intervals (only with a pause threshold); call once the replay is done. */
    public Intervals composingIntervals(int agent) {
        if (pauseThresholdMs <= 0) {
            throw new IllegalStateException("composing truth was not tracked: construct with a pause threshold");
        }
        return composing(agent).intervals();
    }

    /** The first and last event time over all agents ({@code [0, 0]} before any event). */
    public long[] span() {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int agent = 0; agent < cadences.size(); agent++) {
            if (cadences.firstEventAt(agent) != Cadences.NONE) {
                first = Math.min(first, cadences.firstEventAt(agent));
                last = Math.max(last, cadences.lastEventAt(agent));
            }
        }
        return first == Long.MAX_VALUE ? new long[] {0, 0} : new long[] {first, last};
    }

    /** One record per agent the engine knows, sorted by conversationId then agentId. */
    public List<String> records(TypingEngine engine, MetricsExtension extension) {
        List<String> records = new ArrayList<>(engine.agentCount());
        forEachRecord(engine, extension, records::add);
        return records;
    }

    /** The same records, each rendered as it is handed over: 100 000 of them never take memory at once. */
    public void forEachRecord(TypingEngine engine, MetricsExtension extension, Consumer<String> to) {
        IsoMillis iso = new IsoMillis();
        // the states themselves, not boxed handles looked up on every comparison: with 100 000 agents each lookup is a
        // cache miss
        AgentState[] sorted = new AgentState[engine.agentCount()];
        Arrays.setAll(sorted, engine::state);
        Arrays.sort(sorted, (a, b) -> {
            int byConversation = a.conversationId().compareTo(b.conversationId());
            return byConversation != 0 ? byConversation : a.agentId().compareTo(b.agentId());
        });
        // one buffer each for the record and its metrics, reused: a record allocates only its String
        StringBuilder record = new StringBuilder(1024);
        StringBuilder metrics = new StringBuilder(512);
        for (AgentState agent : sorted) {
            to.accept(render(agent, cadences, agent.handle(), extension, iso, record, metrics));
        }
    }

    private static String render(
            AgentState s,
            Cadences c,
            int agent,
            MetricsExtension extension,
            IsoMillis iso,
            StringBuilder record,
            StringBuilder metricsBuffer) {
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

    /** (keystrokes / 5) words over typing minutes; 0 with no typing time (the seed divided by zero). */
    static double wordsPerMinute(long keystrokes, long typingMs) {
        return typingMs == 0 ? 0 : (keystrokes / 5.0) / (typingMs / 60_000.0);
    }
}
