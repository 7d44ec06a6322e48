package dev.gctyping.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds bytes eight at a time (SWAR: one 64-bit load, a few arithmetic steps, no branch per
 * byte). The parser spends most of its time looking for line ends and string ends, so this is
 * where the replay's speed comes from.
 */
final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = '\n' * ONES;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long SPACES = 0x20 * ONES;

    private ByteScan() {
    }

    /** Index of the first '\n' in {@code [from, to)}, or -1. */
    static int newline(byte[] a, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long found = zeroBytes((long) LONGS.get(a, i) ^ NEWLINES);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Index of the first byte in {@code [from, to)} that ends the plain run of a JSON string: a
     * quote, a backslash or a control character; or -1.
     */
    static int stringSpecial(byte[] a, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long found = specials((long) LONGS.get(a, i));
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte b = a[i];
            if (b == '"' || b == '\\' || (b >= 0 && b < 0x20)) {
                return i;
            }
        }
        return -1;
    }

    /** High bit set in the lowest byte of the word that is a quote, a backslash or a control character (see {@link #zeroBytes}). */
    static long specials(long word) {
        return zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES) | ((word - SPACES) & ~word & HIGHS);
    }

    /** The eight bytes at {@code i}, the first in the lowest byte. */
    static long word(byte[] a, int i) {
        return (long) LONGS.get(a, i);
    }

    /** Whether all eight bytes of a {@link #word} are ASCII digits. */
    static boolean isEightDigits(long word) {
        return ((word & 0xF0F0F0F0F0F0F0F0L) | (((word + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4)) == 0x3333333333333333L;
    }

    /** The value of eight ASCII digits in a {@link #word}, in three multiplications (SWAR). */
    static long eightDigits(long word) {
        long v = word - 0x3030303030303030L;
        v = (v * 10) + (v >>> 8);
        return (((v & 0x000000FF000000FFL) * (100 + (1_000_000L << 32)))
                + (((v >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32)))) >>> 32;
    }

    /** The end of the run of ASCII digits that starts at {@code from} (at most {@code to}). */
    static int digitsEnd(byte[] a, int from, int to) {
        int i = from;
        while (i + 8 <= to && isEightDigits(word(a, i))) {
            i += 8;
        }
        while (i < to && a[i] >= '0' && a[i] <= '9') {
            i++;
        }
        return i;
    }

    /** The value of the ASCII digits {@code a[from, to)}, at most 18 of them, eight at a time. */
    static long digitsValue(byte[] a, int from, int to) {
        long value = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            value = value * 100_000_000 + eightDigits(word(a, i));
        }
        for (; i < to; i++) {
            value = value * 10 + (a[i] - '0');
        }
        return value;
    }

    /** Whether the byte may be part of a JSON number (a loose check: the number is skipped, not read). */
    static boolean isNumberChar(byte b) {
        return (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }

    /** Whether {@code a[aFrom, aFrom + len)} and {@code b[bFrom, bFrom + len)} hold the same bytes. */
    static boolean equal(byte[] a, int aFrom, byte[] b, int bFrom, int len) {
        int i = 0;
        // short keys and names: a loop of 64-bit compares beats Arrays.equals' setup
        for (; i + 8 <= len; i += 8) {
            if ((long) LONGS.get(a, aFrom + i) != (long) LONGS.get(b, bFrom + i)) {
                return false;
            }
        }
        for (; i < len; i++) {
            if (a[aFrom + i] != b[bFrom + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A hash of {@code a[from, from + len)}, eight bytes a step; depends only on the bytes. Defined
     * so that a scan can compute it on the words it loads anyway: {@link #hashStep} for each whole
     * word, then for the last few bytes (as a word with the bytes beyond them zero), then {@link #hashEnd}.
     */
    static int hash(byte[] a, int from, int len) {
        long h = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            h = hashStep(h, (long) LONGS.get(a, from + i));
        }
        if (i < len) {
            long tail = 0;
            for (int k = len - 1; k >= i; k--) {
                tail = (tail << 8) | (a[from + k] & 0xFF);
            }
            h = hashStep(h, tail);
        }
        return hashEnd(h, len);
    }

    static long hashStep(long h, long word) {
        return (h ^ word) * 0x9E3779B97F4A7C15L;
    }

    static int hashEnd(long h, int len) {
        h = hashStep(h, len);
        return (int) (h ^ (h >>> 32));
    }

    /**
     * High bit set in each byte of {@code x} that is zero. Only the lowest flagged byte is
     * guaranteed (a borrow can flag bytes above it), which is all a forward search needs.
     */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }
}
