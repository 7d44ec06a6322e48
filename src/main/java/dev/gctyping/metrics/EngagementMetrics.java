package dev.gctyping.metrics;

import dev.gctyping.engine.AgentActivity;
import dev.gctyping.engine.TypingEngine;
import java.util.ArrayList;
import java.util.List;

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
        sorted(engine, extension).forEach(records::add);
        return records;
    }

    /** The same records, each rendered when asked for; call once the replay is done. */
    public EngagementRecords sorted(TypingEngine engine, MetricsExtension extension) {
        return new EngagementRecords(engine, cadences, extension);
    }
}
