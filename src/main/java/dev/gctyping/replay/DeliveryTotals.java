package dev.gctyping.replay;

import dev.gctyping.dialect.DeliveryStats;
import dev.gctyping.dialect.LatencyProbe;
import dev.gctyping.support.JsonLine;

/** Delivery figures summed over all agents, and the summary fields they make with the latency. */
public final class DeliveryTotals {
    private long sent;
    private long delivered;
    private long lost;
    private long retries;
    private long rateLimited;
    private long skippedForBudget;

    void add(DeliveryStats agent, long agentSkippedForBudget) {
        sent += agent.sent();
        delivered += agent.delivered();
        lost += agent.lost();
        retries += agent.retried();
        rateLimited += agent.rateLimited();
        skippedForBudget += agentSkippedForBudget;
    }

    public long sent() {
        return sent;
    }

    public long delivered() {
        return delivered;
    }

    public long lost() {
        return lost;
    }

    /** Adds the delivery totals and the end-to-end latency percentiles to the {@code replay_summary} record. */
    JsonLine appendTo(JsonLine summary, String dialect, LatencyProbe latency) {
        return summary.field("dialect", dialect)
                .field("payloadsSent", sent)
                .field("payloadsDelivered", delivered)
                .field("payloadsLost", lost)
                .field("retries", retries)
                .field("rateLimited", rateLimited)
                .field("refreshesSkippedForBudget", skippedForBudget)
                .field("latencySamples", latency.count())
                .field("latencyMsP50", latency.percentileMs(50))
                .field("latencyMsP95", latency.percentileMs(95))
                .field("latencyMsP99", latency.percentileMs(99))
                .field("latencyMsMax", latency.maxMs());
    }
}
