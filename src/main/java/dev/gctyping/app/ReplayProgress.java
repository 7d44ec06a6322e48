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

    /** Over the wire: what the transport has sent and had acknowledged, the pace, and the trace's span (-1 unknown). */
    private record Wire(DeliveryStats delivered, IntSupplier pending, Pacer pacer, long spanMs) {}

    /** @param totalBytes the input's size, 0 when unknown (standard input) */
    public ReplayProgress(LongSupplier bytesRead, long totalBytes) {
        this.bytesRead = bytesRead;
        this.totalBytes = totalBytes;
    }

    /** @param spanMs the trace time from the first event to the last, when a paced replay knows it; else -1 */
    void overTheWire(DeliveryStats delivered, IntSupplier pending, Pacer pacer, long spanMs) {
        wire = new Wire(delivered, pending, pacer, spanMs);
    }

    @Override
    public void accept(long events) {
        this.events = events;
    }

    public long events() {
        return events;
    }

    /**
     * How far the replay is, 0 to 1: at a paced speed, the share of the trace's span replayed (the
     * input is read far ahead of the pace); else the share of the input read. Negative when unknown
     * (standard input).
     */
    public double share() {
        long spanMs = traceSpanMs();
        if (spanMs >= 0) {
            return spanMs == 0 ? 1.0 : Math.min(1.0, (double) traceElapsedMs() / spanMs);
        }
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

    /** At a paced speed, the trace time from its first event to its last, if known; else negative. */
    public long traceSpanMs() {
        Wire w = wire;
        return w == null || !w.pacer().paced() ? -1 : w.spanMs();
    }
}
