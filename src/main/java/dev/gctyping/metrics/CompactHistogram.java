package dev.gctyping.metrics;

import java.util.Arrays;

/**
 * A small log-linear histogram of non-negative millisecond values for per-agent percentiles.
 * Exact below 64 ms, then 32 sub-buckets per power of two (under 3.2 % error).
 *
 * <p>Sized for 100 000 agents, most of whom type a few dozen keys: the values' buckets are kept
 * as a list (two bytes a value), and only once that list would take more room than a count per
 * bucket does it become counts, over the buckets from the lowest to the highest seen. A count per
 * bucket from zero would cost an agent whose keys come 100 s apart about 2 KB.
 */
public final class CompactHistogram {
    private static final int EXACT = 64;
    private static final int SUB_BITS = 5;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    /** The bucket of {@link Long#MAX_VALUE}. */
    private static final int HIGHEST = 1887;
    /** Up to this many values stay a list whatever their spread: counts would be wider than them. */
    private static final int LISTED = 64;

    /** The values' buckets, in the order they came (sorted by {@link #percentile}); null once {@link #counts} is used. */
    private char[] listed;
    /** {@code counts[i]} counts bucket {@code base + i}. */
    private int[] counts;
    private int base;
    private long total;

    public void record(long value) {
        add(bucket(value));
    }

    /** Records {@code buckets[from, to)}, each a {@link #bucket(long)}: one call for a batch of an agent's staged values. */
    void recordBuckets(char[] buckets, int from, int to) {
        for (int i = from; i < to; i++) {
            add(buckets[i]);
        }
    }

    /** The bucket a value goes to; it fits a char (the highest is {@link #HIGHEST}). */
    static char bucket(long value) {
        return (char) index(Math.max(0, value));
    }

    private void add(int bucket) {
        if (counts == null) {
            int size = (int) total;
            if (listed == null || size == listed.length) {
                makeRoom(size);
            }
            if (counts == null) {
                listed[size] = (char) bucket;
                total++;
                return;
            }
        }
        int i = bucket - base;
        if (i < 0 || i >= counts.length) {
            widen(bucket);
            i = bucket - base;
        }
        counts[i]++;
        total++;
    }

    /** The list is full: it doubles, or becomes counts if they take no more room than the doubled list. */
    private void makeRoom(int size) {
        if (listed == null) {
            listed = new char[4];
            return;
        }
        if (size >= LISTED) {
            int low = Character.MAX_VALUE;
            int high = 0;
            for (char bucket : listed) {
                low = Math.min(low, bucket);
                high = Math.max(high, bucket);
            }
            if ((high - low + 1) * Integer.BYTES <= 2 * size * Character.BYTES) {
                counts = new int[high - low + 1];
                base = low;
                for (char bucket : listed) {
                    counts[bucket - low]++;
                }
                listed = null;
                return;
            }
        }
        listed = Arrays.copyOf(listed, 2 * size);
    }

    /** Counts reach {@code bucket}: upwards with room to spare, as a pause longer than any so far is the usual way out. */
    private void widen(int bucket) {
        int low = Math.min(base, bucket);
        int high = bucket < base ? base + counts.length - 1 : Math.max(bucket, Math.min(HIGHEST, base + counts.length * 3 / 2));
        int[] widened = new int[high - low + 1];
        System.arraycopy(counts, 0, widened, base - low, counts.length);
        counts = widened;
        base = low;
    }

    public long count() {
        return total;
    }

    /** The value at the given percentile (0-100), as the midpoint of its bucket; 0 when empty. */
    public long percentile(double percentile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.min(total, Math.max(1, (long) Math.ceil(percentile / 100.0 * total)));
        if (counts == null) {
            Arrays.sort(listed, 0, (int) total);
            return midpoint(listed[(int) rank - 1]);
        }
        int i = 0;
        for (long seen = counts[0]; seen < rank; seen += counts[++i]) {
            // the counts add up to total: the rank is reached within them
        }
        return midpoint(base + i);
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
