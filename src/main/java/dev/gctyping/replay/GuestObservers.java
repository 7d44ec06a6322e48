package dev.gctyping.replay;

import dev.gctyping.client.GuestSession;
import dev.gctyping.client.SocketSettings;
import dev.gctyping.client.Target;
import dev.gctyping.dialect.LatencyProbe;
import dev.gctyping.protocol.IsoMillis;
import dev.gctyping.protocol.guest.GuestEvent;
import dev.gctyping.protocol.guest.GuestFrame;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Real guests on the Guest API, one per conversation (up to a limit), joining as the first payload
 * leaves: the typing frames they receive time the end-to-end latency. Only for simulator targets,
 * where a guest can pick its conversation.
 */
final class GuestObservers implements AutoCloseable {
    private static final String DEPLOYMENT = "gctyping-replay";
    private static final String ORIGIN = "http://localhost";

    private final Target target;
    private final LatencyProbe latency;
    private final int limit;
    private final Map<String, GuestSession> guests = new HashMap<>();
    /** Guests that joined, with what completes when the answer to their last echo arrives. */
    private final Map<String, CompletableFuture<Void>> caughtUp = new ConcurrentHashMap<>();

    private final Set<String> seen = new HashSet<>();
    /** The tracing id of the echo that {@link #catchUp} sends. */
    private static final String CATCH_UP = "gctyping-catch-up";

    GuestObservers(Target target, LatencyProbe latency, int limit) {
        this.target = target;
        this.latency = latency;
        this.limit = limit;
    }

    /**
     * The first time a conversation is seen: joins a guest to it (up to the limit) and returns at
     * once, with what completes when the guest is ready, so guests join in parallel and the
     * conversation's sends can wait for its guest. Null for a conversation seen before.
     */
    CompletableFuture<Void> ensure(String conversationId) {
        if (!seen.add(conversationId)) {
            return null;
        }
        CompletableFuture<Void> ready = new CompletableFuture<>();
        if (guests.size() >= limit) {
            ready.complete(null);
            return ready;
        }
        GuestSession guest = new GuestSession(
                target,
                DEPLOYMENT,
                ORIGIN,
                GuestSession.joinConversation(conversationId),
                SocketSettings.defaults(),
                new GuestSession.Listener() {
                    @Override
                    public void onFrame(String text, GuestFrame frame) {
                        if (frame instanceof GuestFrame.SessionResponse) {
                            latency.ready(conversationId);
                            caughtUp.putIfAbsent(conversationId, new CompletableFuture<>());
                            ready.complete(null);
                        } else if (CATCH_UP.equals(frame.header().tracingId())) {
                            caughtUp.get(conversationId).complete(null);
                        } else if (frame instanceof GuestFrame.StructuredMessage message
                                && message.isOutbound()
                                && message.channelTime() != null
                                && message.events().stream().anyMatch(e -> e instanceof GuestEvent.Typing)) {
                            received(conversationId, message.channelTime());
                        }
                    }

                    @Override
                    public void onClosed(int closeCode, String reason) {
                        ready.complete(null); // it will not join: nothing waits for it
                    }
                });
        guests.put(conversationId, guest);
        latency.watch(conversationId);
        guest.start();
        return ready;
    }

    private void received(String conversationId, String channelTime) {
        try {
            latency.received(conversationId, IsoMillis.parse(channelTime));
        } catch (DateTimeException notATime) {
            // a frame we cannot time is not timed
        }
    }

    /**
     * Waits (up to {@code timeout} in all) until every guest that joined has received what the
     * platform sent it so far: each sends an echo and waits for its answer, which comes after them on
     * the same socket. Without it, a frame pushed as the last send was acknowledged could still be on
     * its way when the guests close, and its latency would go unmeasured.
     */
    void catchUp(Duration timeout) {
        caughtUp.forEach(
                (conversationId, answered) -> guests.get(conversationId).echo(CATCH_UP));
        try {
            CompletableFuture.allOf(caughtUp.values().toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a guest that lost its socket, or a slow one: what it saw is measured as it is
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Ctrl-C: stop waiting, as the settling wait does
        }
    }

    @Override
    public void close() {
        guests.values().forEach(GuestSession::startClosing); // their close handshakes overlap
        guests.values().forEach(GuestSession::close);
    }
}
