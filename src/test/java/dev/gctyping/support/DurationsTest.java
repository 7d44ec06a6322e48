package dev.gctyping.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void everyUnitIsRead() {
        assertThat(Durations.parseMillis("250ms")).isEqualTo(250);
        assertThat(Durations.parseMillis("1.5s")).isEqualTo(1_500);
        assertThat(Durations.parseMillis("2m")).isEqualTo(120_000);
        assertThat(Durations.parseMillis("1H")).isEqualTo(3_600_000);
    }

    @Test
    void aNumberWithoutAUnitIsRefusedShowingHowToWriteIt() {
        assertThatThrownBy(() -> Durations.parseMillis("3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'3' has no unit: write 3s or 3000ms (units: ms, s, m, h)");
        assertThatThrownBy(() -> Durations.parseMillis("1.5")).hasMessageContaining("write 1.5s or 1500ms");
    }

    @Test
    void anythingElseIsNotADuration() {
        assertThatThrownBy(() -> Durations.parseMillis("soon")).hasMessageStartingWith("'soon' is not a duration");
        assertThatThrownBy(() -> Durations.parseMillis("0s")).hasMessage("'0s' must be at least 1ms");
    }

    @Test
    void spansAreDescribedForPeople() {
        assertThat(Durations.describe(350)).isEqualTo("0.4 s");
        assertThat(Durations.describe(9_949)).isEqualTo("9.9 s");
        assertThat(Durations.describe(46_400)).isEqualTo("46 s");
        assertThat(Durations.describe(200_000)).isEqualTo("3 min 20 s");
        assertThat(Durations.describe(180_000)).isEqualTo("3 min");
        assertThat(Durations.describe(7_500_000)).isEqualTo("2 h 5 min");
    }
}
