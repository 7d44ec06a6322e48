package dev.gctyping.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.dialect.Dialects;
import dev.gctyping.dialect.PayloadSink;
import dev.gctyping.dialect.PlanSettings;
import dev.gctyping.dialect.PlannedWire;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.metrics.EngagementMetrics;
import dev.gctyping.metrics.GuestTruth;
import dev.gctyping.metrics.Intervals;
import dev.gctyping.replay.Replayer;
import dev.gctyping.trace.EventType;
import dev.gctyping.trace.InvalidLinePolicy;
import dev.gctyping.trace.TraceFormat;
import dev.gctyping.trace.TraceMerger;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimelineRecorderTest {
    private static final EngineSettings SETTINGS = new EngineSettings(500, 3000);

    /** The engine's payloads to the recorder, and through agent-api's plan, whose sends model the guest's view. */
    private static PayloadSink sink(TimelineRecorder recorder) {
        PlannedWire wire =
                new PlannedWire(Dialects.AGENT_API.plan(PlanSettings.forExpiry(SETTINGS.expiryMs())), recorder);
        return wire.showingSignalsTo(recorder);
    }

    /** Keystrokes at 0, 300, 600 and a send at 1000 (docs/guest-truth.md's worked example), through a real replayer. */
    private static Replayer replay(TimelineRecorder recorder) {
        PayloadSink sink = sink(recorder);
        Replayer replayer = new Replayer(SETTINGS, sink, new EngagementMetrics());
        replayer.tap(recorder);
        int agent = replayer.engine().agent("c1", "a1");
        for (long at : new long[] {0, 300, 600}) {
            Replayer.apply(replayer.engine(), replayer.metrics(), agent, EventType.KEYSTROKE, at);
            recorder.onEvent(agent, EventType.KEYSTROKE, at);
        }
        Replayer.apply(replayer.engine(), replayer.metrics(), agent, EventType.SEND, 1000);
        sink.message(replayer.engine().state(agent), "hi", 1000);
        recorder.onEvent(agent, EventType.SEND, 1000);
        replayer.engine().finish();
        return replayer;
    }

    @Test
    void recordsMarksInOrderAndModelsTheGuestsView() {
        TimelineRecorder recorder = new TimelineRecorder(2_000);
        Replayer replayer = replay(recorder);
        AgentTimeline timeline = recorder.timelines(
                        TimelineRecorder.Agents.of(replayer.engine()), handle -> Optional.empty())
                .get(0);
        assertThat(timeline.conversationId()).isEqualTo("c1");
        assertThat(timeline.marks())
                .containsExactly(
                        Mark.ACTIVE,
                        Mark.KEYSTROKE,
                        Mark.KEYSTROKE,
                        Mark.REFRESH,
                        Mark.KEYSTROKE,
                        Mark.INACTIVE_SENT,
                        Mark.SEND);
        assertThat(timeline.times()).containsExactly(0, 0, 300, 600, 600, 1000, 1000);
        assertThat(timeline.guestObserved()).isFalse();
        assertThat(timeline.truth()).isEqualTo(new GuestTruth(1000, 0, 0, 0));
    }

    @Test
    void aReplaysMarksComeInTimeOrderEvenWhenAnExpiryFiresBeforeTheNextEvent() throws IOException {
        TimelineRecorder recorder = new TimelineRecorder(2_000);
        Replayer replayer = new Replayer(SETTINGS, sink(recorder), new EngagementMetrics());
        replayer.tap(recorder);
        String trace = "{\"ts\":0,\"conversationId\":\"c1\",\"agentId\":\"a1\"}\n"
                + "{\"ts\":5000,\"conversationId\":\"c1\",\"agentId\":\"a1\"}\n";
        try (TraceMerger merger = TraceMerger.open(
                List.of(TraceMerger.STDIN),
                TraceFormat.NDJSON,
                TraceMerger.DEFAULT_MAX_LINE_BYTES,
                InvalidLinePolicy.FAIL,
                replayer.engine()::agent,
                new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)))) {
            replayer.run(merger, events -> {});
        }
        AgentTimeline timeline = recorder.timelines(
                        TimelineRecorder.Agents.of(replayer.engine()), handle -> Optional.empty())
                .get(0);
        assertThat(timeline.times()).containsExactly(0, 0, 3000, 5000, 5000, 8000);
        assertThat(timeline.marks())
                .containsExactly(
                        Mark.ACTIVE,
                        Mark.KEYSTROKE,
                        Mark.INACTIVE_EXPIRED,
                        Mark.ACTIVE,
                        Mark.KEYSTROKE,
                        Mark.INACTIVE_EXPIRED);
    }

    @Test
    void anObservedViewReplacesTheModelAndGivesStaleAndBlindStretches() {
        TimelineRecorder recorder = new TimelineRecorder(2_000);
        Replayer replayer = replay(recorder);
        Intervals seen = new Intervals();
        seen.add(200, 1500);
        AgentTimeline timeline = recorder.timelines(
                        TimelineRecorder.Agents.of(replayer.engine()), handle -> Optional.of(seen))
                .get(0);
        assertThat(timeline.guestObserved()).isTrue();
        assertThat(timeline.stale()).hasToString("[[1000,1500)]");
        assertThat(timeline.blind()).hasToString("[[0,200)]");
    }

    @Test
    void marksBeyondTheBoundAreCountedNotKeptWhileTheTruthStaysWhole() {
        TimelineRecorder recorder = new TimelineRecorder(2_000, 3, 100);
        Replayer replayer = replay(recorder);
        List<AgentTimeline> timelines =
                recorder.timelines(TimelineRecorder.Agents.of(replayer.engine()), handle -> Optional.empty());
        assertThat(timelines.get(0).marks()).hasSize(3);
        assertThat(timelines.get(0).marksDropped()).isEqualTo(4);
        assertThat(timelines.get(0).composing()).hasToString("[[0,1000)]");

        TimelineRecorder tight = new TimelineRecorder(2_000, 100, 2);
        AgentTimeline capped = tight.timelines(
                        TimelineRecorder.Agents.of(replay(tight).engine()), handle -> Optional.empty())
                .get(0);
        assertThat(capped.marks()).hasSize(2);
        assertThat(capped.marksDropped()).isEqualTo(5);
    }
}
