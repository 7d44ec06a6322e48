package dev.gctyping.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The histogram against the obvious model: the value at a percentile is the rank-th smallest value,
 * exactly while the histogram lists its values (always for a small sample), else the midpoint of
 * that value's bucket held within the exact minimum and maximum, however its counts had to widen.
 */
class CompactHistogramTest {
    private static final double[] PERCENTILES = {0, 1, 25, 50, 90, 95, 99, 100};

    @Test
    void emptyReadsZero() {
        CompactHistogram histogram = new CompactHistogram();
        assertThat(histogram.percentile(50)).isZero();
        assertThat(histogram.max()).isZero();
        assertThat(histogram.count()).isZero();
    }

    @Test
    void aSmallSampleHasExactPercentiles() {
        CompactHistogram one = new CompactHistogram();
        one.record(466); // its bucket's midpoint is 468: a one-message trace once showed P50 468 > max 466
        assertThat(one.percentile(50)).isEqualTo(466);
        assertThat(one.max()).isEqualTo(466);

        CompactHistogram few = new CompactHistogram();
        for (long value : new long[] {1_007, 300, 10_400, 2_222}) {
            few.record(value);
        }
        assertThat(few.percentile(50)).isEqualTo(1_007);
        assertThat(few.percentile(95)).isEqualTo(10_400);
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
    void agreesWithSortedValuesForFewAndManyValuesNarrowAndWide() {
        Random random = new Random(11);
        for (int size : new int[] {1, 3, 7, 63, 64, 65, 129, 1_000, 20_000}) {
            assertAgrees(size, () -> 100 + random.nextInt(60));
            assertAgrees(size, () -> (long) (-Math.log(1 - random.nextDouble()) * 100_000));
            assertAgrees(
                    size, () -> random.nextInt(3) == 0 ? random.nextLong() >>> random.nextInt(64) : random.nextInt(5));
        }
    }

    @Test
    void aNarrowLargeSampleTurnsIntoCountsAndStaysWithinTheBucketError() {
        CompactHistogram histogram = new CompactHistogram();
        for (int i = 0; i < 1_000; i++) {
            histogram.record(1_000 + i);
        }
        assertThat(histogram.exact()).isFalse();
        assertThat((double) histogram.percentile(50))
                .isCloseTo(1_499, org.assertj.core.data.Percentage.withPercentage(3.2));
        assertThat(histogram.percentile(100)).isEqualTo(1_999);
    }

    @Test
    void countsWidenDownwardsAndUpwardsAfterTheListTurnedIntoCounts() {
        long[] values = new long[400];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < 200 ? 150 + i % 3 : (i % 2 == 0 ? 1 : 3_000_000_000L + i);
        }
        assertAgrees(values);
    }

    @Test
    void negativeValuesCountAsZeroAndTheLargestAsTheLastBucket() {
        assertAgrees(new long[] {-5, Long.MAX_VALUE, 0, Long.MAX_VALUE - 1});
    }

    private static void assertAgrees(int size, LongSupplier values) {
        long[] drawn = new long[size];
        for (int i = 0; i < size; i++) {
            drawn[i] = values.getAsLong();
        }
        assertAgrees(drawn);
    }

    /** Read halfway too: reading sorts the list, and recording goes on after it. */
    private static void assertAgrees(long[] values) {
        CompactHistogram histogram = new CompactHistogram();
        long[] half = Arrays.copyOf(values, values.length / 2);
        Arrays.stream(half).forEach(histogram::record);
        assertReads(histogram, half);
        Arrays.stream(values, half.length, values.length).forEach(histogram::record);
        assertReads(histogram, values);
    }

    private static void assertReads(CompactHistogram histogram, long[] values) {
        long[] sorted = Arrays.stream(values).map(v -> Math.max(0, v)).sorted().toArray();
        if (values.length == 0) {
            assertThat(histogram.percentile(50)).isZero();
            return;
        }
        long min = sorted[0];
        long max = sorted[sorted.length - 1];
        boolean fitsTheList = values.length <= CompactHistogram.LISTED && max <= Integer.MAX_VALUE;
        assertThat(histogram.exact() || !fitsTheList)
                .as("a small sample is exact")
                .isTrue();
        for (double p : PERCENTILES) {
            int rank = (int) Math.max(1, Math.ceil(p / 100.0 * values.length));
            long value = sorted[rank - 1];
            long expected = histogram.exact() || rank == values.length
                    ? value
                    : Math.min(max, Math.max(min, CompactHistogram.midpoint(CompactHistogram.index(value))));
            assertThat(histogram.percentile(p))
                    .as("P%s of %s values", p, values.length)
                    .isEqualTo(expected);
        }
        assertThat(histogram.max()).isEqualTo(max);
        assertThat(histogram.count()).isEqualTo(values.length);
    }
}
