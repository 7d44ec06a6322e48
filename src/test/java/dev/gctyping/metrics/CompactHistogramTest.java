package dev.gctyping.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompactHistogramTest {
    @Test
    void aSmallSampleHasExactPercentiles() {
        CompactHistogram one = new CompactHistogram();
        one.record(466); // its bucket's midpoint is 468: the README's one-message trace showed P50 468 > max 466
        assertThat(one.percentile(50)).isEqualTo(466);
        assertThat(one.max()).isEqualTo(466);

        CompactHistogram few = new CompactHistogram();
        for (long value : new long[] {1_007, 300, 10_400, 2_222}) {
            few.record(value);
        }
        assertThat(few.percentile(50)).isEqualTo(1_007);
        assertThat(few.percentile(95)).isEqualTo(10_400);
        assertThat(few.max()).isEqualTo(10_400);
    }

    @Test
    void theNearestRankIsNotOneTooHighFromRounding() {
        CompactHistogram twenty = new CompactHistogram();
        for (long value = 1_000; value <= 20_000; value += 1_000) {
            twenty.record(value);
        }
        assertThat(twenty.percentile(95)).isEqualTo(19_000); // rank 19 of 20, not 20
    }

    @Test
    void noPercentileOfALargeSampleExceedsTheMaximumOrFallsBelowTheMinimum() {
        SplittableRandom random = new SplittableRandom(12);
        for (int run = 0; run < 200; run++) {
            CompactHistogram histogram = new CompactHistogram();
            long base = 64 + random.nextLong(100_000);
            long spread = 1 + random.nextLong(50);
            int count = CompactHistogram.EXACT_SAMPLES + 1 + random.nextInt(200);
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < count; i++) {
                long value = base + random.nextLong(spread);
                histogram.record(value);
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            assertThat(histogram.max()).isEqualTo(max);
            assertThat(histogram.percentile(100)).as("P100 is the maximum").isEqualTo(max);
            for (double p : new double[] {0, 50, 95, 99, 100}) {
                assertThat(histogram.percentile(p))
                        .as("P%s of %s values from %s", p, count, base)
                        .isBetween(min, max);
            }
        }
    }

    @Test
    void aLargeSampleIsWithinTheBucketError() {
        CompactHistogram histogram = new CompactHistogram();
        long[] batch = new long[1_000];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = 1_000 + i;
        }
        histogram.recordAll(batch, 0, batch.length);
        assertThat(histogram.count()).isEqualTo(1_000);
        assertThat((double) histogram.percentile(50))
                .isCloseTo(1_499, org.assertj.core.data.Percentage.withPercentage(3.2));
        assertThat(histogram.max()).isEqualTo(1_999);
    }

    @Test
    void anEmptyHistogramReadsZero() {
        assertThat(new CompactHistogram().percentile(50)).isZero();
        assertThat(new CompactHistogram().max()).isZero();
    }
}
