package dev.gctyping.replay;

import java.util.ArrayDeque;

/**
 * The token's request budget (Genesys: 300 per minute per client-credentials token), kept over
 * trace time so what is skipped does not depend on replay speed: a sliding window of the
 * requests spent.
 */
final class RequestBudget {
    private static final long WINDOW_MS = 60_000;

    private final int perMinute;
    private final ArrayDeque<Long> spent = new ArrayDeque<>();

    RequestBudget(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Spends one request at {@code at} if the window has room. */
    boolean trySpend(long at) {
        expire(at);
        if (spent.size() >= perMinute) {
            return false;
        }
        spent.add(at);
        return true;
    }

    /** Spends one request whatever the window holds (a burst's first On, a message: never skipped). */
    void spend(long at) {
        expire(at);
        spent.add(at);
    }

    private void expire(long at) {
        while (!spent.isEmpty() && spent.peek() <= at - WINDOW_MS) {
            spent.poll();
        }
    }
}
