package dev.gctyping.dialect.agentapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.dialect.PlanSettings;
import dev.gctyping.dialect.WireSend;
import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.engine.Signal;
import dev.gctyping.engine.TypingEngine;
import dev.gctyping.metrics.PeakRate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guest-first plan: what goes on the wire for what the engine says, and the budget it keeps. */
class AgentApiPlanTest {
    private static final long EXPIRY = 3000;
    private static final long LEAD = 250;

    private final TypingEngine engine = new TypingEngine(EngineSettings.DEFAULTS, (agent, signal, at) -> {});

    private AgentState agent(int n) {
        return engine.state(engine.agent("c" + n, "a" + n));
    }

    private static AgentApiPlan plan(int perMinute) {
        return new AgentApiPlan(new PlanSettings(EXPIRY, perMinute, LEAD, 60_000));
    }

    @Test
    void aBurstStartsWithAnOnLongEnoughForTheExpiryTheLeadAndASlack() {
        AgentApiPlan plan = plan(300);
        WireSend on = plan.typing(agent(0), Signal.ACTIVE_START, 1000);
        assertThat(on.kind()).isEqualTo(WireSend.Kind.TYPING_ON);
        assertThat(on.durationMs()).isGreaterThanOrEqualTo(EXPIRY + LEAD + AgentApiPlan.MIN_SLACK_MS);
    }

    @Test
    void aRefreshGoesOnlyWhenTheIndicatorWouldLapseWhileTheAgentStillTypes() {
        AgentApiPlan plan = plan(300);
        AgentState a = agent(0);
        long end = plan.typing(a, Signal.ACTIVE_START, 0).durationMs();
        long lastQuiet = end - EXPIRY - LEAD; // up to here the On already covers a keystroke's expiry and the lead
        assertThat(plan.typing(a, Signal.ACTIVE_REFRESH, lastQuiet)).isNull();
        WireSend refresh = plan.typing(a, Signal.ACTIVE_REFRESH, lastQuiet + 1);
        assertThat(refresh).isNotNull();
        assertThat(refresh.at() + refresh.durationMs()).isGreaterThan(end);
    }

    @Test
    void inactiveSendsNothingAndAMessageEndsTheIndicatorSoTheNextKeyStartsAgain() {
        AgentApiPlan plan = plan(300);
        AgentState a = agent(0);
        plan.typing(a, Signal.ACTIVE_START, 0);
        assertThat(plan.typing(a, Signal.INACTIVE_SENT, 500)).isNull();
        assertThat(plan.message(a, "hi", 500).kind()).isEqualTo(WireSend.Kind.MESSAGE);
        assertThat(plan.typing(a, Signal.ACTIVE_START, 600))
                .as("the message ended the guest's indicator")
                .isNotNull();
    }

    @Test
    void withAFullerBudgetOnsLastLonger() {
        AgentApiPlan plan = plan(300);
        long first = plan.typing(agent(0), Signal.ACTIVE_START, 0).durationMs();
        for (int n = 1; n < 200; n++) {
            plan.message(agent(1), null, 1);
        }
        long later = plan.typing(agent(300), Signal.ACTIVE_START, 2).durationMs();
        assertThat(later).isGreaterThan(first).isLessThanOrEqualTo(60_000);
    }

    /** Many agents typing and sending at random, far beyond what the budget can carry. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void typingNeverTakesTheBudgetsLastShareAndSkipsAreCounted(long seed) {
        AgentApiPlan plan = plan(60);
        SplittableRandom random = new SplittableRandom(Long.getLong("seed", seed));
        PeakRate typingRate = new PeakRate(60_000);
        PeakRate allRate = new PeakRate(60_000);
        long skipped = 0;
        List<AgentState> agents = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            agents.add(agent(n));
        }
        long messages = 0;
        for (long at = 0; at < 300_000; at += random.nextInt(1, 200)) {
            AgentState a = agents.get(random.nextInt(agents.size()));
            WireSend send;
            if (random.nextInt(20) == 0) {
                send = plan.message(a, "m", at);
                messages++;
            } else {
                send = plan.typing(a, random.nextBoolean() ? Signal.ACTIVE_START : Signal.ACTIVE_REFRESH, at);
                for (int r = 0; send != null && r < send.requests(); r++) {
                    typingRate.record(at);
                }
            }
            for (int r = 0; send != null && r < send.requests(); r++) {
                allRate.record(at);
            }
        }
        for (AgentState a : agents) {
            skipped += plan.skippedForBudget(a.handle());
        }
        assertThat(typingRate.peak()).as("typing keeps 5 % of the minute free").isLessThan(60 - 60 / 20 + 1);
        assertThat(skipped).as("an overloaded budget skips, and says so").isPositive();
        assertThat(messages).isPositive();
    }

    @Test
    void aConversationsFirstRequestAlsoCostsTheLookupOfItsAgentCommunicationOnceUnlessTheTraceNamesIt() {
        AgentApiPlan plan = plan(300);
        AgentState first = agent(0);
        AgentState transferredTo = engine.state(engine.agent("c0", "a-second"));
        AgentState named = agent(1);
        plan.communicationNamed(named);

        assertThat(plan.typing(first, Signal.ACTIVE_START, 0).requests()).isEqualTo(2);
        assertThat(plan.message(first, "hi", 100).requests()).isEqualTo(1);
        assertThat(plan.typing(transferredTo, Signal.ACTIVE_START, 200).requests())
                .as("one lookup per conversation, whichever agent")
                .isEqualTo(1);
        assertThat(plan.message(named, "hi", 300).requests()).isEqualTo(1);
    }

    @Test
    void theLookupCountsAgainstTheBudgetTypingLeavesForMessages() {
        AgentApiPlan plan = plan(40); // typing stops at 38 of 40 requests a minute
        int spent = 0;
        for (int n = 0; n < 40; n++) {
            WireSend on = plan.typing(agent(n), Signal.ACTIVE_START, n);
            spent += on == null ? 0 : on.requests();
        }
        assertThat(spent).as("19 Ons and their lookups").isEqualTo(38);
        assertThat(plan.skippedForBudget(agent(18).handle())).isZero();
        assertThat(plan.skippedForBudget(agent(19).handle()))
                .as("an On alone would fit; with its lookup it would not")
                .isOne();
    }
}
