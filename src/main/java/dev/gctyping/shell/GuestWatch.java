package dev.gctyping.shell;

import dev.gctyping.client.GuestSession;
import dev.gctyping.client.SocketSettings;
import dev.gctyping.client.Target;
import dev.gctyping.protocol.guest.GuestEvent;
import dev.gctyping.protocol.guest.GuestFrame;
import dev.gctyping.protocol.guest.GuestRequests;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real guest on the simulator's Guest API, joined to the conversation the agent types into: it
 * shows what a customer's browser receives (typing events and the agent's messages) next to the
 * payloads, and keeps the last frames for {@code :guest}.
 */
public final class GuestWatch implements GuestSide, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuestWatch.class);
    private static final int KEPT = 20;

    private final Target target;
    private final BiConsumer<String, String> show;
    /**
     * Held while the guest is switched or closed, which waits for close and open handshakes; the
     * frames' state has the monitor: frames arrive on the shared socket thread, which must never
     * wait for a handshake it is itself to carry.
     */
    private final Object switching = new Object();

    private final ArrayDeque<String> last = new ArrayDeque<>();
    private GuestSession guest;
    private long lastFrameNanos = System.nanoTime();

    /**
     * @param show gets each visible frame as (raw JSON, one-line summary)
     */
    public GuestWatch(Target target, BiConsumer<String, String> show) {
        this.target = target;
        this.show = show;
    }

    @Override
    public void follow(String conversationId) {
        synchronized (switching) {
            if (guest != null) {
                guest.close();
            }
            guest = new GuestSession(
                    target,
                    "gctyping-shell",
                    "http://localhost",
                    GuestSession.joinConversation(conversationId),
                    SocketSettings.defaults(),
                    this::received);
            try {
                if (!guest.connect(Duration.ofSeconds(5))) {
                    LOG.warn("the guest could not join {}: its view is not shown", conversationId);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    synchronized void received(String text, GuestFrame frame) {
        if (isKeepAlive(frame)) {
            return; // the guest's own health check, not something it was sent
        }
        lastFrameNanos = System.nanoTime();
        notifyAll();
        String summary = summary(frame);
        if (last.size() == KEPT) {
            last.removeFirst();
        }
        last.addLast(summary + "  " + text);
        if (frame instanceof GuestFrame.StructuredMessage) {
            show.accept(text, summary);
        }
    }

    /** The answer to the guest's keep-alive echo (a Text "ping" coming back Inbound): known by its tracing id. */
    static boolean isKeepAlive(GuestFrame frame) {
        return GuestRequests.ECHO_TRACING_ID.equals(frame.header().tracingId());
    }

    /**
     * A frame in words: {@code Typing On 3000ms} (the agent's), {@code customer Typing On} (the guest's
     * own, echoed Inbound: what an agent's desktop shows as "customer is typing"), {@code Text "hi" (Outbound)},
     * or its class.
     */
    static String summary(GuestFrame frame) {
        if (frame instanceof GuestFrame.StructuredMessage message) {
            if (message.isText()) {
                return "Text \"" + message.text() + "\" (" + message.direction() + ")";
            }
            StringBuilder events = new StringBuilder();
            for (GuestEvent event : message.events()) {
                events.append(events.length() == 0 ? "" : ", ");
                if (event instanceof GuestEvent.Typing typing) {
                    events.append("Typing ")
                            .append(typing.type())
                            .append(typing.durationMs() == null ? "" : " " + typing.durationMs() + "ms");
                } else {
                    events.append(event.eventType());
                }
            }
            if (events.length() == 0) {
                return message.bodyType();
            }
            return "Inbound".equals(message.direction()) ? "customer " + events : events.toString();
        }
        return frame.getClass().getSimpleName();
    }

    @Override
    public synchronized List<String> lastFrames() {
        return List.copyOf(last);
    }

    /**
     * Waits until the guest has received nothing for {@code quiet} (at most {@code limit}), so the
     * frames caused by the session's last payloads are shown before it leaves.
     */
    public synchronized void settle(Duration quiet, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long quietNanos = quiet.toNanos();
        for (long now = System.nanoTime();
                now < deadline && now - lastFrameNanos < quietNanos;
                now = System.nanoTime()) {
            wait(Math.max(1, Math.min(deadline - now, quietNanos - (now - lastFrameNanos)) / 1_000_000));
        }
    }

    @Override
    public void close() {
        synchronized (switching) {
            if (guest != null) {
                guest.close();
            }
        }
    }
}
