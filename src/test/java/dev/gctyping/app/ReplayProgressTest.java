package dev.gctyping.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.dialect.DeliveryStats;
import dev.gctyping.replay.Pacer;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {
    @Test
    void aPacedReplaysShareIsOfTheTraceSpanReplayedNotOfTheInputRead() throws Exception {
        ReplayProgress progress = new ReplayProgress(() -> 1_000, 1_000); // the reader is far ahead of the pace
        Pacer pacer = new Pacer(1e9); // paced, but waits no noticeable time
        progress.overTheWire(new DeliveryStats(), () -> 0, pacer, 46_000);
        pacer.waitFor(1_000);
        pacer.waitFor(12_500);

        assertThat(progress.share()).isEqualTo(0.25);
        assertThat(progress.traceSpanMs()).isEqualTo(46_000);
    }

    @Test
    void unpacedOrWithoutASpanTheShareIsOfTheInputRead() {
        ReplayProgress unpaced = new ReplayProgress(() -> 300, 1_000);
        unpaced.overTheWire(new DeliveryStats(), () -> 0, Pacer.UNPACED, -1);
        assertThat(unpaced.share()).isEqualTo(0.3);
        assertThat(unpaced.traceSpanMs()).isNegative();

        ReplayProgress stdin = new ReplayProgress(() -> 300, 0);
        stdin.overTheWire(new DeliveryStats(), () -> 0, new Pacer(1), -1);
        assertThat(stdin.share())
                .as("standard input at a pace: no span, no size")
                .isNegative();
    }
}
