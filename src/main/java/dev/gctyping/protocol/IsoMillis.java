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

    /** Parses an ISO-8601 instant (as the platform writes {@code channel.time}) to epoch milliseconds. */
    public static long parse(String iso) {
        return java.time.Instant.parse(iso).toEpochMilli();
    }
}
