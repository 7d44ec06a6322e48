package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.app.ReplayResult;
import dev.gctyping.replay.Violation;
import dev.gctyping.threshold.FigureNames;
import dev.gctyping.threshold.Figures;
import dev.gctyping.threshold.Threshold;
import dev.gctyping.threshold.ThresholdResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayVerdictTest {
    private static final Violation LEFT_ON = new Violation("sender s", "the guest's typing indicator was left on");

    @Test
    void aProblemFoundInOnePlaceNamesItAndOneRepeatedIsCountedWithItsFirstPlaces() {
        Map<String, List<Violation>> violations = new LinkedHashMap<>();
        for (int c = 1; c <= 5; c++) {
            violations.put("c" + c, List.of(new Violation("agent a" + c, "payload lost: queue full")));
        }
        violations.put(
                "c6", List.of(LEFT_ON, new Violation(null, "the server recorded 2 payload(s), the client saw 1")));

        assertThat(ReplayVerdict.grouped(violations))
                .containsExactly(
                        "payload lost: queue full (5×: agent a1 in conversation c1, agent a2 in conversation c2, "
                                + "agent a3 in conversation c3, and 2 more)",
                        "conversation c6: sender s: the guest's typing indicator was left on",
                        "conversation c6: the server recorded 2 payload(s), the client saw 1");
    }

    @Test
    void theSameProblemOfOneAgentIsCountedOnce() {
        Violation lost = new Violation("agent a1", "payload lost: refused");

        assertThat(ReplayVerdict.grouped(Map.of("c1", List.of(lost, lost, lost))))
                .containsExactly("payload lost: refused (3×: agent a1 in conversation c1)");
    }

    @Test
    void theClosingLineSaysPassOrWhatFailed() {
        assertThat(ReplayVerdict.closing("smoke", result(Map.of(), 0), List.of(), ExitCodes.OK))
                .isEqualTo("smoke: PASS, 3 conversations, 0 lost");

        Map<String, List<Violation>> violations = Map.of(
                "c1", List.of(new Violation("agent a1", "payload lost: refused"), LEFT_ON),
                "c2", List.of(LEFT_ON));
        ThresholdResult failed = ThresholdResult.evaluate(
                Threshold.parse("payloadsLost==0", FigureNames.OVER_THE_WIRE),
                new Figures(Map.of("payloadsLost", 1.0), Map.of()));
        assertThat(ReplayVerdict.closing("smoke", result(violations, 1), List.of(failed), ExitCodes.ASSERTION_FAILED))
                .isEqualTo("smoke: FAIL, 3 conversations, 1 lost, 2 other assertions failed, "
                        + "threshold payloadsLost==0 failed");
    }

    private static ReplayResult result(Map<String, List<Violation>> violations, long lost) {
        return new ReplayResult(
                true, List.of("c1", "c2", "c3"), violations, true, 10, lost, false, "{}", List.of(), null, Map.of());
    }
}
