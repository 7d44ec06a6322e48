package dev.gctyping.app;

import dev.gctyping.dialect.DeliveryStats;
import dev.gctyping.replay.Pacer;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * A running replay as its progress shows it: told the event count by the replayer, read now and
 * then by whatever draws it, on another thread.
 */
public final class ReplayProgress implements LongConsumer {
    private final LongSupplier bytesRead;
    private final long totalBytes;
    private volatile long events;
    private volatile Wire wire;

    /** Over the wire: what the transport has sent and had acknowledged, and the pace. */
    private record Wire(DeliveryStats delivered, IntSupplier pending, Pacer pacer) {}

    /** @param totalBytes the input's size, 0 when unknown (standard input) */
    public ReplayProgress(LongSupplier bytesRead, long totalBytes) {
        this.bytesRead = bytesRead;
        this.totalBytes = totalBytes;
    }

    void overTheWire(DeliveryStats delivered, IntSupplier pending, Pacer pacer) {
        wire = new Wire(delivered, pending, pacer);
    }

    @Override
    public void accept(long events) {
        this.events = events;
    }

    public long events() {
        return events;
    }

    /** The share of the input read, 0 to 1; negative when its size is unknown (standard input). */
    public double inputShare() {
        return totalBytes > 0 ? Math.min(1.0, (double) bytesRead.getAsLong() / totalBytes) : -1;
    }

    public boolean overTheWire() {
        return wire != null;
    }

    /** Payloads handed to the wire so far (0 in a dry run). */
    public long sent() {
        Wire w = wire;
        return w == null ? 0 : w.delivered().sent();
    }

    /** Payloads the platform acknowledged so far (0 in a dry run). */
    public long acknowledged() {
        Wire w = wire;
        return w == null ? 0 : w.delivered().delivered();
    }

    /** Payloads sent or queued and not yet delivered or failed (0 in a dry run). */
    public int pending() {
        Wire w = wire;
        return w == null ? 0 : w.pending().getAsInt();
    }

    /** At a paced speed, the trace time replayed so far in milliseconds; negative when unpaced. */
    public long traceElapsedMs() {
        Wire w = wire;
        return w == null || !w.pacer().paced() ? -1 : w.pacer().traceElapsedMs();
    }
}
