package dev.gctyping.metrics;

import java.util.Arrays;

/**
 * A small histogram of non-negative millisecond values for per-agent percentiles: exact while the
 * sample is small, log-linear buckets after (exact below 64 ms, then 32 sub-buckets per power of
 * two: under 3.2 % error), and never outside the exact minimum and maximum.
 *
 * <p>Sized for 100 000 agents, most of whom type a few dozen keys: the values themselves are kept
 * as a list (four bytes a value), which gives the exact percentiles QA compares with what they
 * typed; only once that list would take more room than a count per bucket does it become counts,
 * over the buckets from the lowest to the highest seen. A count per bucket from zero would cost an
 * agent whose keys come 100 s apart about 2 KB.
 */
public final class CompactHistogram {
    private static final int EXACT = 64;
    private static final int SUB_BITS = 5;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    /** The bucket of {@link Long#MAX_VALUE}. */
    private static final int HIGHEST = 1887;
    /** Up to this many values stay listed (exact) whatever their spread: counts would be wider than them. */
    static final int LISTED = 64;

    /** The values, in the order they came (sorted by {@link #percentile}); null once {@link #counts} is used. */
    private int[] listed;
    /** {@code counts[i]} counts bucket {@code base + i}. */
    private int[] counts;

    private int base;
    private long total;
    private long min = Long.MAX_VALUE;
    private long max;

    public void record(long value) {
        add(Math.max(0, value));
    }

    private void add(long value) {
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (counts == null) {
            int size = (int) total;
            if (value > Integer.MAX_VALUE) {
                countListed(); // beyond 24 days a value is not listed: the sample is no longer exact
            } else {
                if (listed == null || size == listed.length) {
                    makeRoom(size);
                }
                if (counts == null) {
                    listed[size] = (int) value;
                    total++;
                    return;
                }
            }
        }
        count(index(value));
        total++;
    }

    /** The list is full: it doubles, or becomes counts if they take no more room than the doubled list. */
    private void makeRoom(int size) {
        if (listed == null) {
            listed = new int[4];
            return;
        }
        if (size >= LISTED) {
            int low = Integer.MAX_VALUE;
            int high = 0;
            for (int value : listed) {
                low = Math.min(low, index(value));
                high = Math.max(high, index(value));
            }
            if (high - low + 1 <= 2 * size) {
                countListed();
                return;
            }
        }
        listed = Arrays.copyOf(listed, 2 * size);
    }

    private void countListed() {
        int[] values = listed == null ? new int[0] : listed;
        int size = (int) total;
        listed = null;
        counts = new int[0];
        for (int i = 0; i < size; i++) {
            count(index(values[i]));
        }
    }

    private void count(int bucket) {
        if (counts.length == 0) {
            counts = new int[1];
            base = bucket;
        }
        int i = bucket - base;
        if (i < 0 || i >= counts.length) {
            widen(bucket);
            i = bucket - base;
        }
        counts[i]++;
    }

    /** Counts reach {@code bucket}: upwards with room to spare, as a pause longer than any so far is the usual way out. */
    private void widen(int bucket) {
        int low = Math.min(base, bucket);
        int high = bucket < base
                ? base + counts.length - 1
                : Math.max(bucket, Math.min(HIGHEST, base + counts.length * 3 / 2));
        int[] widened = new int[high - low + 1];
        System.arraycopy(counts, 0, widened, base - low, counts.length);
        counts = widened;
        base = low;
    }

    public long count() {
        return total;
    }

    /** The largest value recorded, exactly; 0 when empty. */
    public long max() {
        return max;
    }

    /** Whether the values are still listed, so percentiles are exact. */
    boolean exact() {
        return counts == null;
    }

    /**
     * The value at the given percentile (0-100) by nearest rank: exact while {@link #exact()}, else
     * the midpoint of its bucket held within [min, max] (the top rank is the maximum); 0 when empty.
     */
    public long percentile(double percentile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.min(total, Math.max(1, (long) Math.ceil(percentile / 100.0 * total)));
        if (counts == null) {
            Arrays.sort(listed, 0, (int) total);
            return listed[(int) rank - 1];
        }
        if (rank == total) {
            return max;
        }
        int i = 0;
        for (long seen = counts[0]; seen < rank; seen += counts[++i]) {
            // the counts add up to total: the rank is reached within them
        }
        return Math.min(max, Math.max(min, midpoint(base + i)));
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
