package dev.gctyping.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.dialect.Dialect;
import dev.gctyping.dialect.Dialects;
import dev.gctyping.dialect.PlanSettings;
import dev.gctyping.dialect.PlannedWire;
import dev.gctyping.dialect.SendPlan;
import dev.gctyping.dialect.WireSend;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.engine.TypingEngine;
import org.junit.jupiter.api.Test;

/** The definitions and the worked example of docs/guest-truth.md. */
class GuestTruthTest {
    private static Intervals of(long... bounds) {
        Intervals set = new Intervals();
        for (int i = 0; i < bounds.length; i += 2) {
            set.add(bounds[i], bounds[i + 1]);
        }
        return set;
    }

    /** Runs keystrokes (and an optional send) through the engine and models the guest's view. */
    private static GuestTruth workedExample(Dialect dialect, long sendAt) {
        ComposingTimeline truth = new ComposingTimeline(2_000);
        GuestView guest = new GuestView();
        SendPlan plan = dialect.plan(PlanSettings.forExpiry(3000));
        PlannedWire wire = new PlannedWire(plan, (a, send) -> send.showTo(guest));
        TypingEngine engine = new TypingEngine(new EngineSettings(500, 3000), wire::typing);
        int agent = engine.agent("c", "a");
        for (long k : new long[] {0, 300, 600}) {
            truth.keystroke(k);
            engine.keystroke(agent, k);
        }
        if (sendAt >= 0) {
            truth.stop(sendAt);
            engine.send(agent, sendAt);
            wire.message(engine.state(agent), "hi", sendAt);
        }
        engine.finish();
        return GuestTruth.compare(truth.intervals(), guest.intervals());
    }

    @Test
    void workedExampleSeedDialect() {
        assertThat(workedExample(Dialects.SEED, -1)).isEqualTo(new GuestTruth(3600, 1000, 0, 1000));
    }

    @Test
    void twoOnsOfThreeSecondsShowTheSameAsTheSeedFrames() {
        GuestView guest = new GuestView();
        WireSend.typingOn(0, 3000).showTo(guest);
        WireSend.typingOn(600, 3000).showTo(guest); // extends the view to 3600
        ComposingTimeline truth = new ComposingTimeline(2_000);
        for (long k : new long[] {0, 300, 600}) {
            truth.keystroke(k);
        }
        assertThat(GuestTruth.compare(truth.intervals(), guest.intervals()))
                .isEqualTo(new GuestTruth(3600, 1000, 0, 1000));
    }

    @Test
    void workedExampleAgentApiWithASendHasNoStaleTime() {
        assertThat(workedExample(Dialects.AGENT_API, 1000)).isEqualTo(new GuestTruth(1000, 0, 0, 0));
    }

    @Test
    void composingIsTheUnionOfPausesCutAtSendOrBlur() {
        ComposingTimeline truth = new ComposingTimeline(2_000);
        truth.keystroke(0);
        truth.keystroke(1_000);
        truth.stop(2_500); // cut [0,3000) at 2500
        truth.keystroke(10_000);
        truth.keystroke(12_000); // touching: merges
        assertThat(truth.intervals()).hasToString("[[0,2500), [10000,14000)]");
    }

    @Test
    void guestViewExtendsOnLaterOnsAndEndsAtTheMessage() {
        GuestView view = new GuestView();
        view.typingOn(0, 5_000);
        view.typingOn(4_000, 5_000);
        view.end(6_000);
        view.typingOn(20_000, 1_000);
        view.typingOn(30_000, 1_000); // the earlier one lapsed at 21 000
        view.end(40_000); // nothing visible: no effect
        assertThat(view.intervals()).hasToString("[[0,6000), [20000,21000), [30000,31000)]");
    }

    @Test
    void blindTimeIsComposingTheGuestDidNotSee() {
        GuestTruth truth = GuestTruth.compare(of(0, 10_000), of(2_000, 4_000, 6_000, 12_000));
        assertThat(truth).isEqualTo(new GuestTruth(8_000, 2_000, 4_000, 2_000));
    }

    @Test
    void sharesAreOfTheGuestsTypingTimeAndOfTheAgentsComposingTime() {
        GuestTruth truth = GuestTruth.compare(of(0, 10_000), of(2_000, 4_000, 6_000, 12_000));
        assertThat(truth.composingMs()).isEqualTo(10_000);
        assertThat(truth.staleShare()).isEqualTo(0.25);
        assertThat(truth.blindShare()).isEqualTo(0.4);
        assertThat(GuestTruth.NONE.staleShare()).isZero();
        assertThat(GuestTruth.NONE.blindShare()).isZero();
        assertThat(truth.plus(new GuestTruth(1_000, 500, 0, 500)))
                .isEqualTo(new GuestTruth(9_000, 2_500, 4_000, 2_000));
    }

    @Test
    void setAlgebra() {
        assertThat(of(0, 10, 20, 30).minus(of(5, 25))).hasToString("[[0,5), [25,30)]");
        assertThat(of(0, 10).minus(of(0, 10))).hasToString("[]");
        assertThat(of(0, 10, 20, 35).longest()).isEqualTo(15);
    }
}
