package dev.gctyping.metrics;

import java.util.Arrays;

/**
 * A small log-linear histogram of non-negative millisecond values for per-agent percentiles.
 * Exact below 64 ms, then 32 sub-buckets per power of two (under 3.2 % error). Its array grows
 * only to the largest value seen, so 100 000 agents with ordinary cadences cost a few hundred
 * bytes each, where an HdrHistogram per agent would cost kilobytes. The first
 * {@value #EXACT_SAMPLES} values are also kept as they are, so a small sample (an agent's few
 * messages) gets exact percentiles; a larger one gets its bucket's midpoint, held within the
 * exact minimum and maximum, so a percentile never exceeds the maximum.
 */
public final class CompactHistogram {
    private static final int EXACT = 64;
    private static final int SUB_BITS = 5;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    static final int EXACT_SAMPLES = 32;
    private static final int[] EMPTY = new int[0];
    private static final long[] NO_SAMPLES = new long[0];

    private int[] counts = EMPTY;
    private long total;
    private long min = Long.MAX_VALUE;
    private long max;
    /** The values recorded, while there are at most {@link #EXACT_SAMPLES}; null after. */
    private long[] samples = NO_SAMPLES;

    public void record(long value) {
        long v = Math.max(0, value);
        counts = add(counts, v);
        keep(v);
    }

    /** Records {@code values[from, to)}: one call for a batch of an agent's staged intervals. */
    public void recordAll(long[] values, int from, int to) {
        int[] c = counts;
        for (int i = from; i < to; i++) {
            long v = Math.max(0, values[i]);
            c = add(c, v);
            keep(v);
        }
        counts = c;
    }

    private void keep(long value) {
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (samples != null) {
            if (total == EXACT_SAMPLES) {
                samples = null; // the buckets take over: memory stays a few hundred bytes
            } else {
                if (total == samples.length) {
                    samples = Arrays.copyOf(samples, Math.min(EXACT_SAMPLES, Math.max(2, samples.length * 2)));
                }
                samples[(int) total] = value;
            }
        }
        total++;
    }

    /** Counts the value in {@code c}, grown first if needed; returns the array to keep. */
    private static int[] add(int[] c, long value) {
        int index = index(value);
        if (index >= c.length) {
            c = Arrays.copyOf(c, Math.max(index + 1, c.length * 3 / 2));
        }
        c[index]++;
        return c;
    }

    public long count() {
        return total;
    }

    /** The largest value recorded, exactly; 0 when empty. */
    public long max() {
        return max;
    }

    /**
     * The value at the given percentile (0-100) by nearest rank: exact for a small sample, else the
     * midpoint of its bucket within [min, max]; 0 when empty.
     */
    public long percentile(double percentile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile * total / 100.0));
        if (rank >= total) {
            return max; // the top rank is the maximum, which is kept exactly
        }
        if (samples != null) {
            long[] sorted = Arrays.copyOf(samples, (int) total);
            Arrays.sort(sorted);
            return sorted[(int) Math.min(rank, total) - 1];
        }
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, Math.max(min, midpoint(i)));
            }
        }
        return max;
    }

    static int index(long value) {
        if (value < EXACT) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int sub = (int) (value >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
        return EXACT + (exponent - 6) * SUB_BUCKETS + sub;
    }

    static long midpoint(int index) {
        if (index < EXACT) {
            return index;
        }
        int exponent = (index - EXACT) / SUB_BUCKETS + 6;
        int sub = (index - EXACT) % SUB_BUCKETS;
        long width = 1L << (exponent - SUB_BITS);
        long low = (1L << exponent) + sub * width;
        return low + width / 2;
    }
}
