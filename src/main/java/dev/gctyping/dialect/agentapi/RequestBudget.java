package dev.gctyping.dialect.agentapi;

/**
 * A per-minute request budget ({@link dev.gctyping.protocol.PlatformLimits#REQUESTS_PER_MINUTE} per
 * token on Genesys Cloud), kept over trace time so what is planned does not depend on replay speed:
 * a sliding window of the requests spent, in a ring of their times.
 */
final class RequestBudget {
    static final long WINDOW_MS = 60_000;

    private long[] times = new long[64];
    private int head;
    private int size;

    /** Requests spent in the minute up to {@code at}. */
    int used(long at) {
        while (size > 0 && times[head] <= at - WINDOW_MS) {
            head = (head + 1) & (times.length - 1);
            size--;
        }
        return size;
    }

    /** Spends one request at {@code at}. */
    void spend(long at) {
        used(at);
        if (size == times.length) {
            long[] grown = new long[times.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = times[(head + i) & (times.length - 1)];
            }
            times = grown;
            head = 0;
        }
        times[(head + size) & (times.length - 1)] = at;
        size++;
    }
}
