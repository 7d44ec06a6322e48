package dev.gctyping.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
    @Test
    void parsesEveryKey() {
        FaultPlan plan = FaultPlan.parse(
                List.of(
                        "token-429=3",
                        "api-429-rate=0.1",
                        "api-5xx-rate=0.05",
                        "latency=50ms",
                        "drop-every=50",
                        "token-expire-after=5s"),
                42);

        assertThat(plan.token429Count()).isEqualTo(3);
        assertThat(plan.api429Rate()).isEqualTo(0.1);
        assertThat(plan.api5xxRate()).isEqualTo(0.05);
        assertThat(plan.latencyMs()).isEqualTo(50);
        assertThat(plan.dropEveryMessages()).isEqualTo(50);
        assertThat(plan.dropEveryMs()).isZero();
        assertThat(plan.tokenExpireAfterMs()).isEqualTo(5000);
        assertThat(plan.seed()).isEqualTo(42);
    }

    @Test
    void dropEveryWithAUnitIsATimer() {
        FaultPlan plan = FaultPlan.parse(List.of("drop-every=10s"), 1);

        assertThat(plan.dropEveryMs()).isEqualTo(10_000);
        assertThat(plan.dropEveryMessages()).isZero();
    }

    @Test
    void aBadSpecNamesTheValidKeys() {
        assertThatThrownBy(() -> FaultPlan.parse(List.of("drop-sometimes=3"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("drop-sometimes")
                .hasMessageContaining("token-429=N")
                .hasMessageContaining("token-expire-after");
        assertThatThrownBy(() -> FaultPlan.parse(List.of("api-5xx-rate=2"), 1)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> FaultPlan.parse(List.of("latency"), 1)).hasMessageContaining("KEY=VALUE");
    }

    @Test
    void randomFaultsAreTheSameForTheSameSeed() {
        List<Integer> first = draws(FaultPlan.parse(List.of("api-429-rate=0.3", "api-5xx-rate=0.3"), 99));
        List<Integer> again = draws(FaultPlan.parse(List.of("api-429-rate=0.3", "api-5xx-rate=0.3"), 99));
        List<Integer> otherSeed = draws(FaultPlan.parse(List.of("api-429-rate=0.3", "api-5xx-rate=0.3"), 100));

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first).contains(0, 429, 503);
    }

    @Test
    void noneInjectsNothing() {
        assertThat(draws(FaultPlan.NONE)).containsOnly(0);
        assertThat(new Faults(FaultPlan.NONE).refuseTokenRequest()).isFalse();
    }

    private static List<Integer> draws(FaultPlan plan) {
        Faults faults = new Faults(plan);
        List<Integer> draws = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            draws.add(faults.apiFault());
        }
        return draws;
    }
}
