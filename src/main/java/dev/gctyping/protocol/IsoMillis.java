package dev.gctyping.protocol;

import java.time.LocalDate;

/**
 * Formats epoch millis as {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (UTC, always three fraction digits,
 * which Genesys' SDKs require) without allocating: the date part is cached per day, since a
 * replay's payloads fall on few days.
 */
public final class IsoMillis {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private long cachedDay = Long.MIN_VALUE;
    private final char[] datePart = new char[11];

    public void append(StringBuilder out, long epochMillis) {
        long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        if (day != cachedDay) {
            String date = LocalDate.ofEpochDay(day).toString() + 'T';
            if (date.length() != datePart.length) {
                // years beyond 9999 or before 0: rare enough to take the slow path
                out.append(java.time.Instant.ofEpochMilli(epochMillis));
                return;
            }
            date.getChars(0, datePart.length, datePart, 0);
            cachedDay = day;
        }
        out.append(datePart);
        int seconds = millisOfDay / 1000;
        two(out, seconds / 3600).append(':');
        two(out, seconds / 60 % 60).append(':');
        two(out, seconds % 60).append('.');
        int millis = millisOfDay % 1000;
        out.append((char) ('0' + millis / 100))
                .append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10));
        out.append('Z');
    }

    public String format(long epochMillis) {
        StringBuilder b = new StringBuilder(24);
        append(b, epochMillis);
        return b.toString();
    }

    private static StringBuilder two(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** What {@link #parseCanonical} returns for any other form. */
    public static final long NOT_CANONICAL = Long.MIN_VALUE;

    private static final int CANONICAL_LENGTH = "2026-01-01T00:00:00.000Z".length();

    /** Parses an ISO-8601 instant (as the platform writes {@code channel.time}) to epoch milliseconds. */
    public static long parse(String iso) {
        long canonical = parseCanonical(iso);
        return canonical != NOT_CANONICAL
                ? canonical
                : java.time.Instant.parse(iso).toEpochMilli();
    }

    /**
     * Parses the form {@link #append} writes, {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, in place: it is every
     * payload's and every guest frame's time, and {@code Instant.parse} was a few percent of a wire
     * replay's CPU. Returns {@link #NOT_CANONICAL} for any other text, valid or not (a leap second,
     * an offset, other fraction digits), which {@code Instant.parse} then reads.
     */
    public static long parseCanonical(String s) {
        if (s.length() != CANONICAL_LENGTH
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':'
                || s.charAt(19) != '.'
                || s.charAt(23) != 'Z') {
            return NOT_CANONICAL;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int millis = digits(s, 20, 3);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > lengthOfMonth(year, month)
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || millis < 0) {
            return NOT_CANONICAL;
        }
        long seconds = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
        return seconds * 1000 + millis;
    }

    /** The value of {@code count} decimal digits at {@code from}, or -1 if any is not one. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse, in eras of 400 years). */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }
}
