package dev.gctyping.metrics;

import java.util.Arrays;

/**
 * A growing set of half-open time intervals {@code [start, end)} in milliseconds, kept sorted and
 * disjoint. Intervals must be added in non-decreasing start order (as timelines are built);
 * touching or overlapping ones merge. Primitive arrays: no object per interval.
 */
public final class Intervals {
    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private int size;

    /** Adds {@code [start, end)}; empty intervals are ignored. */
    public void add(long start, long end) {
        if (end <= start) {
            return;
        }
        if (size > 0 && start < starts[size - 1]) {
            throw new IllegalArgumentException(
                    "intervals must be added in start order: " + start + " < " + starts[size - 1]);
        }
        if (size > 0 && start <= ends[size - 1]) {
            ends[size - 1] = Math.max(ends[size - 1], end);
            return;
        }
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    /** Total length covered. */
    public long length() {
        long total = 0;
        for (int i = 0; i < size; i++) {
            total += ends[i] - starts[i];
        }
        return total;
    }

    /** {@code this − other}: the parts of this set that the other does not cover. */
    public Intervals minus(Intervals other) {
        Intervals result = new Intervals();
        int j = 0;
        for (int i = 0; i < size; i++) {
            long cursor = starts[i];
            long end = ends[i];
            while (j < other.size && other.ends[j] <= cursor) {
                j++;
            }
            int k = j;
            while (k < other.size && other.starts[k] < end) {
                if (other.starts[k] > cursor) {
                    result.add(cursor, other.starts[k]);
                }
                cursor = Math.max(cursor, other.ends[k]);
                k++;
            }
            if (cursor < end) {
                result.add(cursor, end);
            }
        }
        return result;
    }

    /** How many disjoint intervals. */
    public int size() {
        return size;
    }

    /** The start of the {@code i}-th interval, in order. */
    public long start(int i) {
        return starts[i];
    }

    /** The end (exclusive) of the {@code i}-th interval. */
    public long end(int i) {
        return ends[i];
    }

    /** The longest single interval (0 when empty). */
    public long longest() {
        long longest = 0;
        for (int i = 0; i < size; i++) {
            longest = Math.max(longest, ends[i] - starts[i]);
        }
        return longest;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            b.append(i == 0 ? "" : ", ")
                    .append('[')
                    .append(starts[i])
                    .append(',')
                    .append(ends[i])
                    .append(')');
        }
        return b.append(']').toString();
    }
}
