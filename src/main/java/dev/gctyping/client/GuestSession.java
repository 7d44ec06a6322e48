package dev.gctyping.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gctyping.protocol.guest.GuestFrame;
import dev.gctyping.protocol.guest.GuestFrames;
import dev.gctyping.protocol.guest.GuestRequests;
import dev.gctyping.support.Json;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A guest on the Web Messaging Guest API, as a customer's browser is: connects to
 * {@code …/v1?deploymentId=…&application=gctyping-<version>} with an {@code Origin}, sends
 * {@code configureSession} on every (re)connect with the same session token, keeps the session alive
 * with an {@code echo} every 30 s (Genesys' SDK sends at most one per 30 s), and hands every frame to
 * the listener decoded. Reconnects come from {@link ReconnectingSocket}. {@link #close()} closes the
 * socket only: it never sends {@code closeSession}, which against a real org would end the
 * conversation for whoever is watching it.
 */
public final class GuestSession extends SocketClient {
    /** Genesys' transport SDK never sends more than one echo per this interval. */
    public static final Duration ECHO_INTERVAL = Duration.ofSeconds(30);
    /** The {@code application} query parameter: who is connecting, as Genesys' SDKs say it. */
    public static final String APPLICATION = "gctyping-" + version();

    /** Frames and connection changes; callbacks run on the socket's threads. */
    public interface Listener extends ConnectionListener {
        /** Every server frame: the text as received and its decoded form (never null). */
        void onFrame(String text, GuestFrame frame);
    }

    private final String token = UUID.randomUUID().toString();
    private final String deploymentId;
    private final ObjectNode joinFields;
    private final AtomicLong lastEchoNanos = new AtomicLong(System.nanoTime() - ECHO_INTERVAL.toNanos());

    /**
     * @param origin the {@code Origin} header; Messenger deployments may restrict allowed domains
     * @param joinFields extra {@code configureSession} fields (the simulator's conversation field), or null
     */
    public GuestSession(
            Target target,
            String deploymentId,
            String origin,
            ObjectNode joinFields,
            SocketSettings settings,
            Listener listener) {
        this(new Relay(listener), target, deploymentId, origin, joinFields, settings);
    }

    private GuestSession(
            Relay relay,
            Target target,
            String deploymentId,
            String origin,
            ObjectNode joinFields,
            SocketSettings settings) {
        super(settings.open("guest-" + deploymentId, handshake(target, deploymentId, origin), relay));
        this.deploymentId = deploymentId;
        this.joinFields = joinFields;
        relay.session = this; // before connect(), so before any callback
    }

    private static ReconnectingSocket.HandshakeSource handshake(Target target, String deploymentId, String origin) {
        ReconnectingSocket.Handshake handshake = new ReconnectingSocket.Handshake(
                target.guestSocket(deploymentId, APPLICATION), Map.of("Origin", origin, "deploymentId", deploymentId));
        return lastFailure -> handshake;
    }

    /** Socket events to the session's listener, frames decoded; every (re)open configures the session first. */
    private static final class Relay implements ReconnectingSocket.Listener {
        private final Listener listener;
        private GuestSession session;

        Relay(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void onOpen(int connection) {
            // a fresh connection knows nothing of us until configureSession, reconnects included
            session.send(
                    GuestRequests.configureSession(session.token, session.deploymentId, false, session.joinFields));
            listener.onOpen(connection);
        }

        @Override
        public void onText(String text) {
            listener.onFrame(text, GuestFrames.decode(text));
        }

        @Override
        public void onReconnecting(int attempt, Duration delay, int closeCode, String reason) {
            listener.onReconnecting(attempt, delay, closeCode, reason);
        }

        @Override
        public void onClosed(int closeCode, String reason) {
            listener.onClosed(closeCode, reason);
        }
    }

    /**
     * The {@code configureSession} fields that join a given conversation on the gctyping simulator: a
     * top-level {@code conversationId} (the simulator's extension; Genesys routes guests itself and
     * ignores it).
     */
    public static ObjectNode joinConversation(String conversationId) {
        return Json.MAPPER.createObjectNode().put("conversationId", conversationId);
    }

    /** Connects, configures the session and starts the echo heartbeat. */
    @Override
    public boolean connect(Duration timeout) throws InterruptedException {
        boolean open = socket.connect(timeout);
        socket.repeat(ECHO_INTERVAL, this::echo);
        return open;
    }

    /** Sends an {@code echo} unless one went less than {@link #ECHO_INTERVAL} ago; true if sent. */
    public boolean echo() {
        long now = System.nanoTime();
        long last = lastEchoNanos.get();
        if (now - last < ECHO_INTERVAL.toNanos() || !lastEchoNanos.compareAndSet(last, now)) {
            return false;
        }
        return socket.send(GuestRequests.echo(token));
    }

    /**
     * Sends an {@code echo} known by {@code tracingId}, outside the heartbeat's pace: frames on a socket
     * arrive in order, so its answer means every frame the server sent before it has arrived. True if sent.
     */
    public boolean echo(String tracingId) {
        return socket.send(GuestRequests.echo(token, tracingId));
    }

    public boolean sendText(String text) {
        return socket.send(GuestRequests.text(token, text, UUID.randomUUID().toString()));
    }

    /** The guest's own typing indicator ({@code Typing On}); counts against the 2 per second limit. */
    public boolean sendTyping() {
        return socket.send(GuestRequests.typing(token, UUID.randomUUID().toString()));
    }

    /**
     * Sends a request object, filling in this session's {@code token} when it has none, so a person
     * typing requests need not know (or see) the session token.
     */
    public boolean sendRequest(ObjectNode request) {
        ObjectNode copy = request.deepCopy();
        if (!copy.hasNonNull("token")) {
            copy.put("token", token);
        }
        return send(copy.toString());
    }

    private static String version() {
        String version = GuestSession.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
