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

    private ByteScan() {}

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
     * Index of the first byte in {@code [from, to)} that ends the plain ASCII run of a JSON string:
     * a quote, a backslash, a control character or a non-ASCII byte (to be checked as UTF-8); or -1.
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
            if (b == '"' || b == '\\' || b < 0x20) { // signed: non-ASCII bytes are negative
                return i;
            }
        }
        return -1;
    }

    /**
     * High bit set in the lowest byte of the word that is a quote, a backslash, a control character
     * or a non-ASCII byte (see {@link #zeroBytes}); a byte below the space borrows, one at or above
     * 0x80 has its own high bit: {@code (word - SPACES) | word} tests both at once.
     */
    static long specials(long word) {
        return zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES) | (((word - SPACES) | word) & HIGHS);
    }

    /** The eight bytes at {@code i}, the first in the lowest byte. */
    static long word(byte[] a, int i) {
        return (long) LONGS.get(a, i);
    }

    /** Whether all eight bytes of a {@link #word} are ASCII digits. */
    static boolean isEightDigits(long word) {
        return ((word & 0xF0F0F0F0F0F0F0F0L) | (((word + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                == 0x3333333333333333L;
    }

    /** The value of eight ASCII digits in a {@link #word}, in three multiplications (SWAR). */
    static long eightDigits(long word) {
        long v = word - 0x3030303030303030L;
        v = (v * 10) + (v >>> 8);
        return (((v & 0x000000FF000000FFL) * (100 + (1_000_000L << 32)))
                        + (((v >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32))))
                >>> 32;
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

    /**
     * The end of the JSON number that starts at {@code from} ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}),
     * or -1 if none does; a leading zero followed by a digit is no number. What follows it is the caller's to check.
     */
    static int numberEnd(byte[] a, int from, int to) {
        int i = from < to && a[from] == '-' ? from + 1 : from;
        int digits = i;
        i = digitsEnd(a, i, to);
        if (i == digits || (a[digits] == '0' && i - digits > 1)) {
            return -1;
        }
        if (i < to && a[i] == '.') {
            int fraction = ++i;
            i = digitsEnd(a, i, to);
            if (i == fraction) {
                return -1;
            }
        }
        if (i < to && (a[i] == 'e' || a[i] == 'E')) {
            i++;
            if (i < to && (a[i] == '+' || a[i] == '-')) {
                i++;
            }
            int exponent = i;
            i = digitsEnd(a, i, to);
            if (i == exponent) {
                return -1;
            }
        }
        return i;
    }

    /**
     * The end of the well-formed UTF-8 sequence starting with the non-ASCII byte at {@code i}, or -1
     * (a stray continuation byte, an overlong form, a surrogate, beyond U+10FFFF, or cut off by {@code to}).
     */
    static int utf8SequenceEnd(byte[] a, int i, int to) {
        int lead = a[i] & 0xFF;
        int length;
        int secondLow = 0x80;
        int secondHigh = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                secondLow = 0xA0; // shorter forms are overlong
            } else if (lead == 0xED) {
                secondHigh = 0x9F; // above: UTF-16 surrogates
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                secondLow = 0x90;
            } else if (lead == 0xF4) {
                secondHigh = 0x8F; // above: beyond U+10FFFF
            }
        } else {
            return -1;
        }
        if (i + length > to) {
            return -1;
        }
        int second = a[i + 1] & 0xFF;
        if (second < secondLow || second > secondHigh) {
            return -1;
        }
        for (int k = 2; k < length; k++) {
            if ((a[i + k] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return i + length;
    }

    /** The index of the first byte in {@code a[from, to)} that is not part of well-formed UTF-8, or -1. */
    static int firstInvalidUtf8(byte[] a, int from, int to) {
        int i = from;
        while (i < to) {
            if (a[i] >= 0) {
                i++;
            } else {
                int next = utf8SequenceEnd(a, i, to);
                if (next < 0) {
                    return i;
                }
                i = next;
            }
        }
        return -1;
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
