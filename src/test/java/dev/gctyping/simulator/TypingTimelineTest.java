package dev.gctyping.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.protocol.SimulatorReport.Interval;
import org.junit.jupiter.api.Test;

class TypingTimelineTest {
    private final TypingTimeline timeline = new TypingTimeline();

    @Test
    void aLaterOnExtendsTheShownInterval() {
        timeline.on(0, 3000);
        timeline.on(600, 3000);

        assertThat(timeline.intervals(600)).containsExactly(new Interval(0, 3600, "open"));
        assertThat(timeline.intervals(3600)).containsExactly(new Interval(0, 3600, "duration"));
    }

    @Test
    void anOnAfterTheLapseStartsANewInterval() {
        timeline.on(0, 1000);
        timeline.on(2500, 1000);

        assertThat(timeline.intervals(4000))
                .containsExactly(new Interval(0, 1000, "duration"), new Interval(2500, 3500, "duration"));
    }

    @Test
    void aStopEndsItAtOnceButNotAfterItLapsed() {
        timeline.on(0, 5000);
        timeline.stop(1000, TypingTimeline.BY_MESSAGE);
        timeline.on(2000, 1000);
        timeline.stop(9000, TypingTimeline.BY_INACTIVE);

        assertThat(timeline.intervals(9000))
                .containsExactly(new Interval(0, 1000, "message"), new Interval(2000, 3000, "duration"));
    }

    @Test
    void aTimeGoingBackwardsIsTakenAsTheLatestSeen() {
        timeline.on(1000, 2000);
        timeline.stop(500, TypingTimeline.BY_INACTIVE);

        assertThat(timeline.intervals(1000)).containsExactly(new Interval(1000, 1000, "inactive"));
    }

    @Test
    void totalAddsTheIntervalLengths() {
        timeline.on(0, 1000);
        timeline.on(2000, 500);

        assertThat(TypingTimeline.totalMs(timeline.intervals(5000))).isEqualTo(1500);
    }
}
