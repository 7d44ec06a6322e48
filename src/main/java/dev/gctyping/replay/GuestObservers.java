package dev.gctyping.replay;

import dev.gctyping.client.GuestSession;
import dev.gctyping.client.SocketSettings;
import dev.gctyping.client.Target;
import dev.gctyping.protocol.guest.GuestEvent;
import dev.gctyping.protocol.guest.GuestFrame;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real guests on the Guest API, one per conversation (up to a limit), joined before the first
 * payload: the typing frames they receive time the end-to-end latency. Only for simulator targets,
 * where a guest can pick its conversation.
 */
final class GuestObservers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuestObservers.class);
    private static final String DEPLOYMENT = "gctyping-replay";
    private static final String ORIGIN = "http://localhost";

    private final Target target;
    private final LatencyProbe latency;
    private final int limit;
    private final Map<String, GuestSession> guests = new HashMap<>();

    GuestObservers(Target target, LatencyProbe latency, int limit) {
        this.target = target;
        this.latency = latency;
        this.limit = limit;
    }

    /** Joins a guest to the conversation if none has yet; waits (briefly) for its session. */
    void ensure(String conversationId) {
        if (guests.containsKey(conversationId) || guests.size() >= limit) {
            return;
        }
        CountDownLatch configured = new CountDownLatch(1);
        GuestSession guest = new GuestSession(target, DEPLOYMENT, ORIGIN, GuestSession.joinConversation(conversationId),
                SocketSettings.defaults(), new GuestSession.Listener() {
                    @Override
                    public void onFrame(String text, GuestFrame frame) {
                        if (frame instanceof GuestFrame.SessionResponse) {
                            configured.countDown();
                        } else if (frame instanceof GuestFrame.StructuredMessage message && message.isOutbound()
                                && message.events().stream().anyMatch(e -> e instanceof GuestEvent.Typing)) {
                            latency.received(conversationId);
                        }
                    }
                });
        guests.put(conversationId, guest);
        try {
            if (!guest.connect(Duration.ofSeconds(5)) || !configured.await(5, TimeUnit.SECONDS)) {
                LOG.warn("conversation {}: the observing guest did not join in time; latency is not measured there", conversationId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        guests.values().forEach(GuestSession::close);
    }
}
