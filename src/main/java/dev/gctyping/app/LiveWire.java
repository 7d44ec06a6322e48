package dev.gctyping.app;

import dev.gctyping.client.OpenTarget;
import dev.gctyping.client.TargetRequest;
import dev.gctyping.dialect.Dialect;
import dev.gctyping.dialect.LatencyProbe;
import dev.gctyping.dialect.PayloadSink;
import dev.gctyping.dialect.PayloadTransport;
import dev.gctyping.dialect.PlanSettings;
import dev.gctyping.dialect.PlannedWire;
import dev.gctyping.shell.GuestWatch;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The live prompt's wire: the dialect's plan, shown to the prompt as it sends, and (unless dry) its
 * transport to the target with, on simulators, a guest in the conversation whose frames are shown.
 */
public final class LiveWire implements AutoCloseable {
    private static final int QUEUE_LIMIT = ReplayRequest.DEFAULT_QUEUE_LIMIT;

    private final PlannedWire wire;
    private final OpenTarget open;
    private final PayloadTransport transport;
    /** Null when dry or against a real org, where a guest cannot pick its conversation. */
    private final GuestWatch guest;

    private LiveWire(PlannedWire wire, OpenTarget open, PayloadTransport transport, GuestWatch guest) {
        this.wire = wire;
        this.open = open;
        this.transport = transport;
        this.guest = guest;
    }

    /** Shows what the dialect would send, and sends nothing. */
    public static LiveWire dry(Dialect dialect, long expiryMs, PlannedWire.SendListener view) {
        return new LiveWire(new PlannedWire(dialect.plan(planSettings(expiryMs)), view), null, null, null);
    }

    /** Opens the target (an embedded simulator unless configured) and the dialect's transport. */
    public static LiveWire open(
            Targets targets,
            TargetRequest request,
            Dialect dialect,
            long expiryMs,
            PlannedWire.SendListener view,
            BiConsumer<String, String> guestFrames) {
        OpenTarget open = targets.open(request);
        PayloadTransport transport = dialect.open(open, QUEUE_LIMIT, new LatencyProbe());
        GuestWatch guest = open.target().isSimulator() ? new GuestWatch(open.target(), guestFrames) : null;
        return new LiveWire(
                new PlannedWire(dialect.plan(planSettings(expiryMs)), view, transport), open, transport, guest);
    }

    private static PlanSettings planSettings(long expiryMs) {
        return PlanSettings.forExpiry(expiryMs);
    }

    public PayloadSink sink() {
        return wire;
    }

    /** The open target, unless dry. */
    public Optional<OpenTarget> target() {
        return Optional.ofNullable(open);
    }

    /** The guest following the conversation, or null. */
    public GuestWatch guest() {
        return guest;
    }

    /** Lets what is queued go out (briefly), and the guest see it, then closes everything. */
    @Override
    public void close() {
        if (open == null) {
            return;
        }
        try {
            transport.drain(Duration.ofSeconds(5));
            if (guest != null) {
                guest.settle(Duration.ofMillis(300), Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
        if (guest != null) {
            guest.close();
        }
        open.close();
    }
}
