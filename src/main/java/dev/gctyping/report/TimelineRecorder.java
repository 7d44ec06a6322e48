package dev.gctyping.report;

import dev.gctyping.dialect.PlannedWire;
import dev.gctyping.dialect.WireSend;
import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.Signal;
import dev.gctyping.engine.TypingEngine;
import dev.gctyping.engine.TypingListener;
import dev.gctyping.metrics.ComposingTimeline;
import dev.gctyping.metrics.GuestView;
import dev.gctyping.metrics.Intervals;
import dev.gctyping.replay.Replayer;
import dev.gctyping.trace.EventType;
import dev.gctyping.trace.RecordedTrace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Captures each agent's timeline during a replay, for the HTML report: trace events (as a
 * {@link Replayer.EventTap}) and payloads (as a {@link TypingListener}), the composing truth, and
 * the guest's view as the dialect's plan sends it (a wire replay replaces it with what the
 * simulator observed). Single-threaded, like the engine it listens to.
 *
 * <p>Memory is bounded: an agent keeps at most {@code marksPerAgent} marks and all agents together
 * {@code totalMarks} (8 bytes each); later marks are only counted. The composing truth and the
 * guest's view are kept whole (a few intervals per typing run), so the stale and blind figures stay
 * exact even where the marks were cut.
 */
public final class TimelineRecorder implements Replayer.EventTap, TypingListener, PlannedWire.SendListener {
    /** Enough for a long conversation's every keystroke. */
    public static final int MARKS_PER_AGENT = 20_000;
    /** 64 MB of marks. */
    public static final long TOTAL_MARKS = 8_000_000;

    private static final int KIND_BITS = 3;

    private final long pauseThresholdMs;
    private final int marksPerAgent;
    private final long totalMarks;
    private final List<Track> tracks = new ArrayList<>();
    private long kept;

    /** One agent's recording: marks packed as {@code time << 3 | mark}. */
    private final class Track {
        long[] packed = new long[16];
        int size;
        long dropped;
        final ComposingTimeline composing = new ComposingTimeline(pauseThresholdMs);
        final GuestView modelled = new GuestView();

        void add(long at, Mark mark) {
            if (size == marksPerAgent || kept == totalMarks) {
                dropped++;
                return;
            }
            if (size == packed.length) {
                packed = Arrays.copyOf(packed, Math.min(marksPerAgent, size * 2));
            }
            packed[size++] = at << KIND_BITS | mark.ordinal();
            kept++;
        }
    }

    /**
     */
    public TimelineRecorder(long pauseThresholdMs) {
        this(pauseThresholdMs, MARKS_PER_AGENT, TOTAL_MARKS);
    }

    TimelineRecorder(long pauseThresholdMs, int marksPerAgent, long totalMarks) {
        this.pauseThresholdMs = pauseThresholdMs;
        this.marksPerAgent = marksPerAgent;
        this.totalMarks = totalMarks;
    }

    @Override
    public void onEvent(int agent, EventType type, long at) {
        Track track = track(agent);
        track.add(at, Mark.of(type));
        if (type == EventType.KEYSTROKE) {
            track.composing.keystroke(at);
        } else {
            track.composing.stop(at);
        }
    }

    @Override
    public void onSignal(AgentState agent, Signal signal, long at) {
        Track track = track(agent.handle());
        track.add(at, Mark.of(signal));
    }

    /** What the dialect's plan sent: the guest's view is modelled from it where nothing observed the guest. */
    @Override
    public void onSend(AgentState agent, WireSend send) {
        send.showTo(track(agent.handle()).modelled);
    }

    private Track track(int agent) {
        while (tracks.size() <= agent) {
            tracks.add(new Track());
        }
        return tracks.get(agent);
    }

    /** The agents' names, by the handle the engine gave them. */
    public interface Agents {
        int count();

        String conversationId(int handle);

        String agentId(int handle);

        static Agents of(TypingEngine engine) {
            return new Agents() {
                @Override
                public int count() {
                    return engine.agentCount();
                }

                @Override
                public String conversationId(int handle) {
                    return engine.state(handle).conversationId();
                }

                @Override
                public String agentId(int handle) {
                    return engine.state(handle).agentId();
                }
            };
        }

        static Agents of(RecordedTrace trace) {
            return new Agents() {
                @Override
                public int count() {
                    return trace.agentCount();
                }

                @Override
                public String conversationId(int handle) {
                    return trace.conversationId(handle);
                }

                @Override
                public String agentId(int handle) {
                    return trace.agentId(handle);
                }
            };
        }
    }

    /**
     * The timelines, by handle; call once the replay is done.
     *
     * @param observed what the guest of an agent really saw, when a simulator's report says so
     */
    public List<AgentTimeline> timelines(Agents agents, IntFunction<Optional<Intervals>> observed) {
        List<AgentTimeline> timelines = new ArrayList<>(agents.count());
        for (int handle = 0; handle < agents.count(); handle++) {
            Track track = track(handle);
            long[] times = new long[track.size];
            Mark[] marks = new Mark[track.size];
            for (int i = 0; i < track.size; i++) {
                times[i] = track.packed[i] >> KIND_BITS;
                marks[i] = Mark.ofOrdinal((int) (track.packed[i] & ((1 << KIND_BITS) - 1)));
            }
            Optional<Intervals> seen = observed.apply(handle);
            timelines.add(new AgentTimeline(
                    agents.conversationId(handle),
                    agents.agentId(handle),
                    times,
                    marks,
                    track.dropped,
                    track.composing.intervals(),
                    seen.orElseGet(track.modelled::intervals),
                    seen.isPresent()));
        }
        return timelines;
    }
}
