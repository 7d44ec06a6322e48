package dev.gctyping.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One agent's delivery accounting, updated from transport threads; sends are also counted in a total. */
public final class DeliveryStats {
    /** All agents' sends together (for progress), or null when this is that total or stands alone. */
    private final DeliveryStats total;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final List<String> losses = new ArrayList<>();

    /** Stands alone: counted in no total. */
    public DeliveryStats() {
        this(null);
    }

    /** Also counts its sent and delivered payloads in {@code total}. */
    public DeliveryStats(DeliveryStats total) {
        this.total = total;
    }

    public void countSent() {
        sent.incrementAndGet();
        if (total != null) {
            total.countSent();
        }
    }

    public void countDelivered() {
        delivered.incrementAndGet();
        if (total != null) {
            total.countDelivered();
        }
    }

    public void countRetries(long retries) {
        retried.addAndGet(retries);
    }

    public void countRateLimited(long answers) {
        rateLimited.addAndGet(answers);
    }

    /** A send that will never be delivered, and why. */
    public synchronized void recordLoss(String reason) {
        losses.add(reason);
    }

    /** Sends handed to the wire (agent-api: requests incl. messages; seed: frames). */
    public long sent() {
        return sent.get();
    }

    /** Sends the server confirmed (HTTP 2xx, or the simulator's socket ack). */
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

    public synchronized long lost() {
        return losses.size();
    }

    /** Why sends were lost (one entry each), for stderr and the JUnit report. */
    public synchronized List<String> lossReasons() {
        return List.copyOf(losses);
    }
}
