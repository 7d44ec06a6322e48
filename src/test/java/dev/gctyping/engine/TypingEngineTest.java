package dev.gctyping.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TypingEngineTest {
    private RecordingListener out;
    private TypingEngine engine;
    private int a1;

    @BeforeEach
    void setUp() {
        out = new RecordingListener();
        engine = new TypingEngine(new EngineSettings(500, 3000), out);
        a1 = engine.agent("c1", "a1");
    }

    @Test
    void firstKeystrokeSendsActiveAtItsTime() {
        engine.keystroke(a1, 1000);
        assertThat(out.payloads).containsExactly("a1 active@1000");
        assertThat(out.signals).containsExactly(Signal.ACTIVE_START);
        assertThat(engine.state(a1).typing()).isTrue();
    }

    @Test
    void keystrokesInsideTheDedupWindowAreSuppressedButCounted() {
        engine.keystroke(a1, 0);
        engine.keystroke(a1, 100);
        engine.keystroke(a1, 499);
        assertThat(out.payloads).containsExactly("a1 active@0");
        assertThat(engine.state(a1).keystrokes()).isEqualTo(3);
        assertThat(engine.state(a1).suppressed()).isEqualTo(2);
    }

    @Test
    void keystrokeExactlyOneWindowAfterTheLastActiveRefreshes() {
        engine.keystroke(a1, 0);
        engine.keystroke(a1, 300);
        engine.keystroke(a1, 500);
        assertThat(out.payloads).containsExactly("a1 active@0", "a1 active@500");
        assertThat(out.signals).containsExactly(Signal.ACTIVE_START, Signal.ACTIVE_REFRESH);
        assertThat(engine.state(a1).refreshes()).isEqualTo(1);
    }

    @Test
    void theWindowCountsFromTheLastActiveSentNotTheLastKeystroke() {
        engine.keystroke(a1, 0);
        engine.keystroke(a1, 400); // suppressed
        engine.keystroke(a1, 800); // 800 - 0 >= 500: refresh, although only 400 after the last key
        assertThat(out.payloads).containsExactly("a1 active@0", "a1 active@800");
    }

    @Test
    void expiryFiresInactiveAtExactlyTheDeadline() {
        engine.keystroke(a1, 0);
        engine.keystroke(a1, 200);
        engine.advanceTo(3199);
        assertThat(out.payloads).containsExactly("a1 active@0");
        engine.advanceTo(3200);
        assertThat(out.payloads).containsExactly("a1 active@0", "a1 inactive@3200");
        assertThat(engine.state(a1).typing()).isFalse();
        assertThat(engine.state(a1).expiries()).isEqualTo(1);
    }

    @Test
    void everyKeystrokeMovesTheDeadlineEvenWhenSuppressed() {
        engine.keystroke(a1, 0);
        engine.keystroke(a1, 100); // suppressed, deadline now 3100
        engine.advanceTo(3050);
        assertThat(out.payloads).containsExactly("a1 active@0");
        engine.finish();
        assertThat(out.payloads).containsExactly("a1 active@0", "a1 inactive@3100");
    }

    @Test
    void keystrokeExactlyAtTheDeadlineExpiresFirstThenStartsANewRun() {
        engine.keystroke(a1, 0);
        engine.keystroke(a1, 3000);
        assertThat(out.payloads).containsExactly("a1 active@0", "a1 inactive@3000", "a1 active@3000");
        assertThat(out.signals).containsExactly(Signal.ACTIVE_START, Signal.INACTIVE_EXPIRED, Signal.ACTIVE_START);
        assertThat(engine.state(a1).bursts()).isEqualTo(2);
    }

    @Test
    void keystrokeOneMillisecondBeforeTheDeadlineKeepsTyping() {
        engine.keystroke(a1, 0);
        engine.keystroke(a1, 2999);
        assertThat(out.payloads).containsExactly("a1 active@0", "a1 active@2999");
    }

    @Test
    void sendWhileTypingSendsInactiveAndCountsTheMessage() {
        engine.keystroke(a1, 0);
        engine.send(a1, 800);
        engine.finish();
        assertThat(out.payloads).containsExactly("a1 active@0", "a1 inactive@800");
        assertThat(out.signals).endsWith(Signal.INACTIVE_SENT);
        assertThat(engine.state(a1).messages()).isEqualTo(1);
        assertThat(engine.state(a1).typingMs()).isEqualTo(800);
    }

    @Test
    void sendWhileIdleSendsNothingButCountsTheMessage() {
        engine.send(a1, 100);
        engine.keystroke(a1, 200);
        engine.advanceTo(5000);
        engine.send(a1, 5000);
        assertThat(out.payloads).containsExactly("a1 active@200", "a1 inactive@3200");
        assertThat(engine.state(a1).messages()).isEqualTo(2);
    }

    @Test
    void sendAtTheDeadlineFindsTheAgentAlreadyIdle() {
        engine.keystroke(a1, 0);
        engine.send(a1, 3000);
        assertThat(out.payloads).containsExactly("a1 active@0", "a1 inactive@3000");
        assertThat(out.signals).endsWith(Signal.INACTIVE_EXPIRED);
    }

    @Test
    void blurWhileTypingSendsInactiveAndBlurWhileIdleNothing() {
        engine.blur(a1, 0);
        engine.keystroke(a1, 10);
        engine.blur(a1, 20);
        engine.finish();
        assertThat(out.payloads).containsExactly("a1 active@10", "a1 inactive@20");
        assertThat(out.signals).endsWith(Signal.INACTIVE_BLURRED);
        assertThat(engine.state(a1).blurs()).isEqualTo(2);
    }

    @Test
    void twoAgentsInOneConversationAreIndependent() {
        int a2 = engine.agent("c1", "a2");
        engine.keystroke(a1, 0);
        engine.keystroke(a2, 100);
        engine.keystroke(a1, 200); // suppressed for a1; a2's window is its own
        engine.keystroke(a2, 600);
        engine.send(a1, 700);
        engine.finish();
        assertThat(out.payloads)
                .containsExactly(
                        "a1 active@0", "a2 active@100", "a2 active@600", "a1 inactive@700", "a2 inactive@3600");
    }

    @Test
    void theSameAgentIdInTwoConversationsIsTwoKeys() {
        int other = engine.agent("c2", "a1");
        assertThat(other).isNotEqualTo(a1);
        assertThat(engine.agent("c1", "a1")).isEqualTo(a1);
        engine.keystroke(a1, 0);
        engine.keystroke(other, 100);
        assertThat(out.payloads).containsExactly("a1 active@0", "a1 active@100");
    }

    @Test
    void expiriesDueBeforeAnEventFireFirstInDeadlineOrder() {
        int a2 = engine.agent("c2", "a2");
        engine.keystroke(a2, 0);
        engine.keystroke(a1, 100);
        engine.keystroke(a1, 10_000);
        assertThat(out.payloads)
                .containsExactly(
                        "a2 active@0", "a1 active@100", "a2 inactive@3000", "a1 inactive@3100", "a1 active@10000");
    }

    @Test
    void simultaneousDeadlinesFireInTheOrderTheirLastKeystrokesArrived() {
        int a2 = engine.agent("c2", "a2");
        int a3 = engine.agent("c3", "a3");
        engine.keystroke(a3, 0);
        engine.keystroke(a2, 0);
        engine.keystroke(a1, 0);
        engine.finish();
        assertThat(out.payloads.subList(3, 6))
                .containsExactly("a3 inactive@3000", "a2 inactive@3000", "a1 inactive@3000");
    }

    @Test
    void finishClosesEveryOpenRunExactlyOnce() {
        engine.keystroke(a1, 0);
        engine.finish();
        engine.finish();
        assertThat(out.payloads).containsExactly("a1 active@0", "a1 inactive@3000");
    }

    @Test
    void typingTimeSpansFromTheFirstActiveToItsInactive() {
        engine.keystroke(a1, 1000);
        engine.keystroke(a1, 2000);
        engine.send(a1, 2500);
        engine.keystroke(a1, 10_000);
        engine.finish(); // expires at 13 000
        AgentState s = engine.state(a1);
        assertThat(s.typingMs()).isEqualTo(1500 + 3000);
        assertThat(s.longestBurstMs()).isEqualTo(3000);
        assertThat(s.activeSent()).isEqualTo(3);
        assertThat(s.inactiveSent()).isEqualTo(2);
    }

    @Test
    void nextDeadlineTracksTheEarliestLiveDeadline() {
        assertThat(engine.nextDeadline()).isEqualTo(Long.MAX_VALUE);
        engine.keystroke(a1, 0);
        engine.keystroke(a1, 100);
        assertThat(engine.nextDeadline()).isEqualTo(3100);
        engine.send(a1, 200);
        assertThat(engine.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void changedSettingsApplyToLaterDecisions() {
        engine.keystroke(a1, 0);
        engine.settings(engine.settings().withDedupWindow(100).withExpiry(1000));
        engine.keystroke(a1, 100);
        engine.finish();
        assertThat(out.payloads).containsExactly("a1 active@0", "a1 active@100", "a1 inactive@1100");
    }

    @Test
    void timeCannotGoBackwards() {
        engine.keystroke(a1, 1000);
        assertThatThrownBy(() -> engine.keystroke(a1, 999))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backwards");
    }

    @Test
    void settingsMustBePositive() {
        assertThatThrownBy(() -> new EngineSettings(0, 3000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EngineSettings(500, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyConcurrentConversationsShareOneTimerStructure() {
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            engine.keystroke(engine.agent("conv-" + i, "agent"), i);
        }
        engine.finish();
        assertThat(out.payloads).hasSize(2 * n);
        // the last expiry is the last conversation's: keystroke at n-1, deadline n-1+3000
        assertThat(out.payloads.get(out.payloads.size() - 1)).isEqualTo("agent inactive@" + (n - 1 + 3000));
    }
}
