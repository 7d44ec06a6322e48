package dev.gctyping.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdTest {
    private static final String SUMMARY =
            "{\"event\":\"replay_summary\",\"events\":120,\"payloadsLost\":0,\"latencyMsP99\":12.5,"
                    + "\"blindTypingShare\":0.2,\"dialect\":\"agent-api\",\"complete\":true}";
    private static final List<String> AGENTS = List.of(
            agent("c1", "a1", 1000, 0, 500, 0),
            agent("c1", "a2", 2000, 1500, 0, 1500),
            agent("c2", "a1", 4000, 2500, 100, 2000),
            agent("c3", "a1", 100, 0, 0, 0));

    private static String agent(
            String conversation, String agent, long visible, long stale, long blind, long maxStale) {
        return "{\"event\":\"agent_typing_engagement\",\"conversationId\":\"" + conversation + "\",\"agentId\":\""
                + agent
                + "\",\"metrics\":{\"totalKeystrokes\":10,\"guestVisibleTypingMs\":" + visible + ",\"staleTypingMs\":"
                + stale
                + ",\"blindTypingMs\":" + blind + ",\"maxStaleMs\":" + maxStale
                + ",\"firstEventAt\":\"2026-01-01T00:00:00Z\"}}";
    }

    private static ThresholdResult evaluate(String expression) {
        return ThresholdResult.evaluate(
                Threshold.parse(expression, FigureNames.OVER_THE_WIRE), Figures.fromRecords(SUMMARY, AGENTS));
    }

    @Test
    void summaryThresholdsCompareTheSummarysFigure() {
        assertThat(evaluate("payloadsLost==0").passed()).isTrue();
        assertThat(evaluate(" latencyMsP99 < 50 ").passed()).isTrue();
        assertThat(evaluate("latencyMsP99<=12.5").passed()).isTrue();
        assertThat(evaluate("latencyMsP99<12.5").passed()).isFalse();
        assertThat(evaluate("blindTypingShare>0.1").passed()).isTrue();
        assertThat(evaluate("payloadsLost!=0").passed()).isFalse();
        assertThat(evaluate("events>=121").describe()).isEqualTo("events>=121 (value 120)");
    }

    @Test
    void perConversationThresholdsSumAgentsAndListTheWorstFirst() {
        Figures figures = Figures.fromRecords(SUMMARY, AGENTS);
        assertThat(figures.byConversation().get("c1"))
                .containsEntry("staleTypingMs", 1500.0)
                .containsEntry("maxStaleMs", 1500.0)
                .containsEntry("totalKeystrokes", 20.0)
                .containsEntry("staleTypingShare", 0.5)
                .doesNotContainKey("firstEventAt");
        ThresholdResult stale = evaluate("conversation.staleTypingMs<1000");
        assertThat(stale.passed()).isFalse();
        assertThat(stale.failures())
                .extracting(ThresholdResult.Failure::conversationId)
                .containsExactly("c2", "c1");
        assertThat(stale.describe())
                .isEqualTo("conversation.staleTypingMs<1000 (2 of 3 conversations: c2 2500, c1 1500)");
        assertThat(stale.record())
                .contains("\"failedConversations\":2", "\"worstConversationId\":\"c2\"", "\"passed\":false");
        assertThat(evaluate("conversation.guestVisibleTypingMs>=100").passed()).isTrue();
    }

    @Test
    void aFigureTheRunDidNotMeasureFails() {
        ThresholdResult result = ThresholdResult.evaluate(
                Threshold.parse("staleTypingShare<0.5", FigureNames.OVER_THE_WIRE),
                Figures.fromRecords("{\"events\":1}", List.of()));
        assertThat(result.passed()).isFalse();
        assertThat(result.describe()).contains("was not measured");
    }

    @Test
    void malformedExpressionsSayWhatIsWrong() {
        assertThatThrownBy(() -> Threshold.parse("payloadsLost", FigureNames.OVER_THE_WIRE))
                .hasMessageContaining("expected FIGURE OP NUMBER");
        assertThatThrownBy(() -> Threshold.parse("payloadsLost=0", FigureNames.OVER_THE_WIRE))
                .hasMessageContaining("use '=='");
        assertThatThrownBy(() -> Threshold.parse("payloadsLost<zero", FigureNames.OVER_THE_WIRE))
                .hasMessageContaining("'zero' is not a number");
        assertThatThrownBy(() -> Threshold.parse("payloadLost==0", FigureNames.OVER_THE_WIRE))
                .hasMessageContaining("no figure named 'payloadLost'")
                .hasMessageContaining("payloadsLost, retries");
        assertThatThrownBy(() -> Threshold.parse("payloadsLost==0", FigureNames.DRY_RUN))
                .hasMessageContaining("no figure named 'payloadsLost'")
                .hasMessageContaining("Summary figures: files, events");
        assertThatThrownBy(() -> Threshold.parse("conversation.latencyMsP99<5", FigureNames.OVER_THE_WIRE))
                .hasMessageContaining("no figure named 'conversation.latencyMsP99'");
    }

    @Test
    void theVerdictNamesTheFailedThresholds() {
        assertThat(ThresholdResult.verdict(List.of(evaluate("payloadsLost==0"), evaluate("events>0"))))
                .isEqualTo("PASS: 2 thresholds met");
        assertThat(ThresholdResult.verdict(List.of(evaluate("payloadsLost==0"), evaluate("blindTypingShare<0.1"))))
                .isEqualTo("FAIL: threshold blindTypingShare<0.1 (value 0.2) failed");
        assertThat(ThresholdResult.verdict(List.of(evaluate("events<1"), evaluate("blindTypingShare<0.1"))))
                .startsWith("FAIL: 2 of 2 thresholds failed: events<1 (value 120); blindTypingShare<0.1");
        assertThat(evaluate("events<1").junitCase().violations()).containsExactly("events<1 (value 120)");
        assertThat(evaluate("events>1").junitCase().violations()).isEmpty();
    }
}
