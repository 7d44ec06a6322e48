package dev.gctyping.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One agent's delivery accounting, updated from transport threads. */
public final class DeliveryStats {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong skippedForBudget = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    private final List<String> losses = new ArrayList<>();

    /** Payloads handed to the wire (agent-api: requests incl. messages; seed: frames). */
    public long sent() {
        return sent.get();
    }

    /** Payloads the server confirmed (HTTP 2xx, or the simulator's socket ack). */
    public long delivered() {
        return delivered.get();
    }

    /** Attempts repeated after a 429, a 5xx, a 401 or a dropped socket. */
    public long retried() {
        return retried.get();
    }

    public long rateLimited() {
        return rateLimited.get();
    }

    /** agent-api refreshes not sent because the token's per-minute budget was spent. */
    public long skippedForBudget() {
        return skippedForBudget.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public synchronized void lost(String reason) {
        losses.add(reason);
    }

    public synchronized long lost() {
        return losses.size();
    }

    /** Why payloads were lost (one entry each), for stderr and the JUnit report. */
    public synchronized List<String> lossReasons() {
        return List.copyOf(losses);
    }
}
