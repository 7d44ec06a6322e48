package dev.gctyping.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Inter-key intervals wait in each agent's stage, a few at a time, before they go into its
 * histogram: whatever the number staged when they are read, and however agents interleave, they
 * read as if each had been recorded at once.
 */
class CadencesTest {
    private static final double[] PERCENTILES = {0, 1, 25, 50, 90, 95, 99, 100};

    @Test
    void stagedIntervalsReadLikeRecordedOnes() {
        SplittableRandom random = new SplittableRandom(11);
        int agents = 3;
        Cadences cadences = new Cadences();
        CompactHistogram[] expected = new CompactHistogram[agents];
        long[] lastKey = new long[agents];
        long now = 1_000;
        for (int agent = 0; agent < agents; agent++) {
            expected[agent] = new CompactHistogram();
            lastKey[agent] = Cadences.NONE;
        }
        for (int i = 0; i < 5_000; i++) {
            int agent = random.nextInt(agents);
            // mostly short gaps, sometimes one longer than an int holds (recorded without staging)
            now += random.nextInt(100) == 0 ? 30L * 24 * 3_600_000 : random.nextInt(2_000);
            if (random.nextInt(20) == 0) {
                cadences.blur(agent, now);
                lastKey[agent] = Cadences.NONE;
            } else {
                cadences.keystroke(agent, now);
                if (lastKey[agent] != Cadences.NONE) {
                    expected[agent].record(now - lastKey[agent]);
                }
                lastKey[agent] = now;
            }
            if (random.nextInt(500) == 0) { // read mid-stage, then go on staging
                assertAgrees(cadences, agent, expected[agent]);
            }
        }
        for (int agent = 0; agent < agents; agent++) {
            assertThat(expected[agent].count()).isGreaterThan(100);
            assertAgrees(cadences, agent, expected[agent]);
        }
    }

    private static void assertAgrees(Cadences cadences, int agent, CompactHistogram expected) {
        for (double p : PERCENTILES) {
            assertThat(cadences.interKeyMs(agent, p))
                    .as("agent %d P%s", agent, p)
                    .isEqualTo(expected.percentile(p));
        }
    }
}
