package dev.gctyping.trace;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads the usual ISO-8601 instant, {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}, straight from a trace's
 * bytes, with the same epoch millis as {@link java.time.Instant#parse} (fraction digits beyond
 * milliseconds are dropped, as {@code toEpochMilli} drops them). Without it a trace written with
 * ISO times would cost a String and a java.time parse a line, three times the whole replay.
 *
 * <p>Anything else (an offset, lower case, a leap second, a date that does not exist…) gets
 * {@link #DECLINED}, and {@link TraceTimestamps} reads it, errors included. The date is
 * converted once per day it changes to, since a trace's events fall on few days.
 */
final class IsoInstantScanner {
    /** What {@link #epochMillis} returns for a text it leaves to {@link TraceTimestamps}. */
    static final long DECLINED = Long.MIN_VALUE;

    private static final int DATE_LENGTH = 10;
    private static final int SHORTEST = "2025-11-24T16:00:00Z".length();

    /** The last date read, as bytes, and its epoch day. */
    private final byte[] cachedDate = new byte[DATE_LENGTH];

    private long cachedEpochDay = DECLINED;

    /** The instant in {@code b[start, start + length)} as epoch millis, or {@link #DECLINED}. */
    long epochMillis(byte[] b, int start, int length) {
        if (length < SHORTEST
                || length > SHORTEST + 10
                || b[start + length - 1] != 'Z'
                || b[start + 4] != '-'
                || b[start + 7] != '-'
                || b[start + 10] != 'T'
                || b[start + 13] != ':'
                || b[start + 16] != ':') {
            return DECLINED;
        }
        long epochDay = epochDay(b, start);
        int hours = twoDigits(b, start + 11);
        int minutes = twoDigits(b, start + 14);
        int seconds = twoDigits(b, start + 17);
        if (epochDay == DECLINED
                || hours < 0
                || hours > 23
                || minutes < 0
                || minutes > 59
                || seconds < 0
                || seconds > 59) {
            return DECLINED;
        }
        int millis = 0;
        int fractionDigits = length - SHORTEST - 1;
        if (fractionDigits >= 0) {
            // ".f…" between the seconds and the Z: up to nine digits (java.time takes a bare "." too)
            if (b[start + 19] != '.') {
                return DECLINED;
            }
            for (int i = 0; i < fractionDigits; i++) {
                int digit = b[start + 20 + i] - '0';
                if (digit < 0 || digit > 9) {
                    return DECLINED;
                }
                if (i < 3) {
                    millis = millis * 10 + digit;
                }
            }
            for (int i = fractionDigits; i < 3; i++) {
                millis *= 10;
            }
        }
        return ((epochDay * 24 + hours) * 60 + minutes) * 60_000L + seconds * 1000L + millis;
    }

    private long epochDay(byte[] b, int start) {
        if (cachedEpochDay != DECLINED && ByteScan.equal(b, start, cachedDate, 0, DATE_LENGTH)) {
            return cachedEpochDay;
        }
        int century = twoDigits(b, start);
        int yearOfCentury = twoDigits(b, start + 2);
        int month = twoDigits(b, start + 5);
        int day = twoDigits(b, start + 8);
        if (century < 0 || yearOfCentury < 0 || month < 0 || day < 0) {
            return DECLINED;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(century * 100 + yearOfCentury, month, day).toEpochDay();
        } catch (DateTimeException noSuchDate) {
            return DECLINED;
        }
        System.arraycopy(b, start, cachedDate, 0, DATE_LENGTH);
        cachedEpochDay = epochDay;
        return epochDay;
    }

    /** The two ASCII digits at {@code i} as a number, or -1. */
    private static int twoDigits(byte[] b, int i) {
        int tens = b[i] - '0';
        int ones = b[i + 1] - '0';
        return tens < 0 || tens > 9 || ones < 0 || ones > 9 ? -1 : tens * 10 + ones;
    }
}
