package dev.gctyping.metrics;

import java.util.Arrays;

/**
 * A small log-linear histogram of non-negative millisecond values for per-agent percentiles.
 * Exact below 64 ms, then 32 sub-buckets per power of two (under 3.2 % error). Its array grows
 * only to the largest value seen, so 100 000 agents with ordinary cadences cost a few hundred
 * bytes each, where an HdrHistogram per agent would cost kilobytes.
 */
public final class CompactHistogram {
    private static final int EXACT = 64;
    private static final int SUB_BITS = 5;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    private static final int[] EMPTY = new int[0];

    private int[] counts = EMPTY;
    private long total;

    public void record(long value) {
        counts = add(counts, value);
        total++;
    }

    /** Records {@code values[from, to)}: one call for a batch of an agent's staged intervals. */
    public void recordAll(long[] values, int from, int to) {
        int[] c = counts;
        for (int i = from; i < to; i++) {
            c = add(c, values[i]);
        }
        counts = c;
        total += to - from;
    }

    /** Counts the value in {@code c}, grown first if needed; returns the array to keep. */
    private static int[] add(int[] c, long value) {
        int index = index(Math.max(0, value));
        if (index >= c.length) {
            c = Arrays.copyOf(c, Math.max(index + 1, c.length * 3 / 2));
        }
        c[index]++;
        return c;
    }

    public long count() {
        return total;
    }

    /** The value at the given percentile (0-100), as the midpoint of its bucket; 0 when empty. */
    public long percentile(double percentile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return midpoint(i);
            }
        }
        return midpoint(counts.length - 1);
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
