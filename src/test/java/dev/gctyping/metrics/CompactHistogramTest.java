package dev.gctyping.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The histogram against the obvious model: the value at a percentile is the midpoint of the
 * bucket of the rank-th smallest value, whether the histogram still lists its values or counts
 * them, and however its counts had to widen.
 */
class CompactHistogramTest {
    private static final double[] PERCENTILES = {0, 1, 25, 50, 90, 95, 99, 100};

    @Test
    void emptyReadsZero() {
        CompactHistogram histogram = new CompactHistogram();
        assertThat(histogram.percentile(50)).isZero();
        assertThat(histogram.count()).isZero();
    }

    @Test
    void agreesWithSortedValuesForFewAndManyValuesNarrowAndWide() {
        Random random = new Random(11);
        for (int size : new int[] {1, 3, 7, 63, 64, 65, 129, 1_000, 20_000}) {
            assertAgrees(size, () -> 100 + random.nextInt(60));
            assertAgrees(size, () -> (long) (-Math.log(1 - random.nextDouble()) * 100_000));
            assertAgrees(size, () -> random.nextInt(3) == 0 ? random.nextLong() >>> random.nextInt(64) : random.nextInt(5));
        }
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

    @Test
    void stagedBucketsCountLikeRecordedValues() {
        long[] values = {5, 700, 70_000, 9, 9, 1_234_567};
        char[] buckets = new char[values.length + 2];
        for (int i = 0; i < values.length; i++) {
            buckets[i + 1] = CompactHistogram.bucket(values[i]);
        }
        CompactHistogram staged = new CompactHistogram();
        staged.recordBuckets(buckets, 1, values.length + 1);
        CompactHistogram recorded = new CompactHistogram();
        Arrays.stream(values).forEach(recorded::record);
        for (double p : PERCENTILES) {
            assertThat(staged.percentile(p)).as("P%s", p).isEqualTo(recorded.percentile(p));
        }
        assertThat(staged.count()).isEqualTo(values.length);
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
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        if (values.length == 0) {
            assertThat(histogram.percentile(50)).isZero();
            return;
        }
        for (double p : PERCENTILES) {
            int rank = (int) Math.max(1, Math.ceil(p / 100.0 * values.length));
            long expected = CompactHistogram.midpoint(CompactHistogram.index(Math.max(0, sorted[rank - 1])));
            assertThat(histogram.percentile(p)).as("P%s of %s values", p, values.length).isEqualTo(expected);
        }
        assertThat(histogram.count()).isEqualTo(values.length);
    }
}
