package dev.gctyping.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gctyping.support.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's WebSocket side, one port for both dialects:
 * <ul>
 * <li>{@code /v1/conversations/{conversationId}/websocket}: the seed tutorial's socket, Bearer token in
 * the handshake (401 otherwise); text {@code {"type":"ping"}} gets {@code {"type":"pong"}}, typing payloads
 * are validated and reach the conversation's guests; errors come back as
 * {@code {"type":"error","code":400,"message":…}}.</li>
 * <li>{@code /v1?deploymentId=…}: the Web Messaging Guest API. A guest joins the conversation named by the
 * top-level {@code "conversationId"} of its {@code configureSession} (a simulator extension); without one,
 * it keeps its session's conversation, or a new session gets a conversation of its own whose id is derived
 * from the session token. The {@code SessionResponse} body tells which ({@code conversationId}).</li>
 * </ul>
 */
final class SocketServer extends WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(SocketServer.class);
    private static final Pattern SEED_PATH = Pattern.compile("/v1/conversations/([^/]+)/websocket");
    /** Guest {@code onMessage} requests per session per second (messages.per.session.rate.per.second). */
    private static final int GUEST_MESSAGES_PER_SECOND = 2;

    /** Per-connection state, kept as the connection's attachment. */
    private static final class Link {
        final int refusedStatus;
        final String refusal;
        final Conversation seedConversation;
        volatile GuestSession session;
        int messages;
        volatile ScheduledFuture<?> dropTimer;

        Link(int refusedStatus, String refusal, Conversation seedConversation) {
            this.refusedStatus = refusedStatus;
            this.refusal = refusal;
            this.seedConversation = seedConversation;
        }

        static Link refused(int status, String why) {
            return new Link(status, why, null);
        }

        boolean isGuest() {
            return seedConversation == null;
        }
    }

    /** A guest session, known by the token the guest generated; it outlives its sockets. */
    private static final class GuestSession {
        final String token;
        final Conversation conversation;
        final SlidingWindowLimiter messageRate = new SlidingWindowLimiter(GUEST_MESSAGES_PER_SECOND, 1000);

        GuestSession(String token, Conversation conversation) {
            this.token = token;
            this.conversation = conversation;
        }
    }

    private final TokenStore tokens;
    private final Faults faults;
    private final Conversations conversations;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier clock;
    private final Map<String, GuestSession> sessions = new ConcurrentHashMap<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;

    SocketServer(String host, int port, TokenStore tokens, Faults faults, Conversations conversations,
            ScheduledExecutorService scheduler, LongSupplier clock) {
        super(new InetSocketAddress(host, port), 2, List.of(new RejectingDraft()));
        this.tokens = tokens;
        this.faults = faults;
        this.conversations = conversations;
        this.scheduler = scheduler;
        this.clock = clock;
        setReuseAddr(true);
        setTcpNoDelay(true); // pushes to guests are tiny frames: no Nagle delay
        setDaemon(true);
    }

    /** Starts and waits until the port is bound. */
    void startAndWait() throws IOException {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IOException("the WebSocket listener did not start within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the WebSocket listener", e);
        }
        if (startFailure != null) {
            throw new IOException("cannot listen for WebSockets on " + getAddress().getHostString() + ":" + getAddress().getPort()
                    + ": " + startFailure.getMessage(), startFailure);
        }
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
            ClientHandshake request) throws InvalidDataException {
        ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        Link link = link(request);
        conn.setAttachment(link);
        if (link.refusedStatus != 0) {
            response.setHttpStatus((short) link.refusedStatus);
        }
        return response;
    }

    private Link link(ClientHandshake request) {
        URI uri;
        try {
            uri = URI.create(request.getResourceDescriptor());
        } catch (IllegalArgumentException e) {
            return Link.refused(400, "malformed path");
        }
        Matcher seed = SEED_PATH.matcher(uri.getPath());
        if (seed.matches()) {
            if (tokens.check(request.getFieldValue("Authorization")).status() != TokenStore.Status.OK) {
                faults.unauthorized.incrementAndGet();
                return Link.refused(401, "a valid Bearer token is required");
            }
            return new Link(0, null, conversations.get(seed.group(1)));
        }
        if (uri.getPath().equals("/v1")) {
            String deploymentId = queryParameter(uri.getRawQuery(), "deploymentId");
            return deploymentId == null || deploymentId.isBlank()
                    ? Link.refused(400, "deploymentId is required")
                    : new Link(0, null, null);
        }
        return Link.refused(404, "no socket at " + uri.getPath());
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        Link link = conn.getAttachment();
        if (link.refusedStatus != 0) {
            LOG.debug("refused socket {}: {} {}", handshake.getResourceDescriptor().split("\\?")[0],
                    link.refusedStatus, link.refusal);
            // the refusal status line is queued: flush it, then close
            ((WebSocketImpl) conn).flushAndClose(CloseFrame.POLICY_VALIDATION, link.refusal, false);
            return;
        }
        LOG.debug("socket opened: {}", link.isGuest() ? "guest" : "seed " + link.seedConversation.id);
        long dropEveryMs = faults.plan.dropEveryMs();
        if (dropEveryMs > 0) {
            link.dropTimer = scheduler.schedule(() -> drop(conn), dropEveryMs, TimeUnit.MILLISECONDS);
        }
    }

    /** The injected fault: the TCP connection ends without a close frame, so the client sees 1006. */
    private void drop(WebSocket conn) {
        if (conn.isOpen()) {
            faults.drops.incrementAndGet();
            LOG.debug("dropping a socket (fault)");
            conn.closeConnection(CloseFrame.ABNORMAL_CLOSE, "simulated drop");
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        if (!conn.isOpen()) {
            return; // frames read in the same batch as a simulated drop die with the connection
        }
        Link link = conn.getAttachment();
        if (link == null || link.refusedStatus != 0) {
            return;
        }
        if (link.isGuest()) {
            guest(conn, link, message);
        } else {
            seed(conn, link.seedConversation, message);
        }
        link.messages++;
        int dropEvery = faults.plan.dropEveryMessages();
        if (dropEvery > 0 && link.messages % dropEvery == 0) {
            drop(conn);
        }
    }

    private void seed(WebSocket conn, Conversation conversation, String message) {
        ObjectNode payload = SimulatorJson.parseObject(message);
        if (payload == null) {
            conn.send(seedError("invalid JSON: expected one JSON object per frame"));
            return;
        }
        switch (payload.path("type").asText("")) {
            case "ping" -> conn.send("{\"type\":\"pong\"}");
            case "typing" -> {
                String problem = seedTyping(conversation, payload);
                conn.send(problem == null ? seedAck(payload) : seedError(problem));
            }
            default -> conn.send(seedError("type must be \"typing\" or \"ping\""));
        }
    }

    /** Records a seed typing payload; returns what is wrong with it, or null. */
    private static String seedTyping(Conversation conversation, ObjectNode payload) {
        if (!payload.path("conversationId").asText("").equals(conversation.id)) {
            return "conversationId must be this socket's conversation, " + conversation.id;
        }
        String senderId = payload.path("senderId").asText("");
        if (senderId.isBlank()) {
            return "senderId is required";
        }
        String state = payload.path("state").asText("");
        if (!state.equals("active") && !state.equals("inactive")) {
            return "state must be \"active\" or \"inactive\"";
        }
        long at;
        try {
            at = SimulatorJson.traceTime(payload.path("timestamp"));
        } catch (IllegalArgumentException e) {
            return "timestamp: " + e.getMessage();
        }
        conversation.seedTyping(senderId, at, state.equals("active"));
        return null;
    }

    /**
     * Acknowledges an accepted typing payload (a simulator extension of the seed protocol): the
     * client resends what was not acknowledged when a socket drops, so no payload is lost.
     */
    private static String seedAck(ObjectNode payload) {
        ObjectNode ack = SimulatorJson.object();
        ack.put("type", "ack");
        ack.set("senderId", payload.get("senderId"));
        ack.set("timestamp", payload.get("timestamp"));
        ack.set("state", payload.get("state"));
        return Json.write(ack);
    }

    private static String seedError(String message) {
        ObjectNode error = SimulatorJson.object();
        error.put("type", "error");
        error.put("code", 400);
        error.put("message", message);
        return Json.write(error);
    }

    private void guest(WebSocket conn, Link link, String message) {
        ObjectNode request = SimulatorJson.parseObject(message);
        if (request == null) {
            conn.send(GuestFrames.text(400, "Request failed.", null));
            return;
        }
        String tracingId = request.hasNonNull("tracingId") ? request.get("tracingId").asText() : null;
        String token = request.path("token").asText("");
        String action = request.path("action").asText("");
        if (action.equals("configureSession")) {
            configureSession(conn, link, request, token, tracingId);
            return;
        }
        switch (action) {
            case "echo", "onMessage", "closeSession" -> {
                GuestSession session = link.session;
                if (session == null || !session.token.equals(token)) {
                    conn.send(GuestFrames.text(4007, "Session not found", tracingId));
                } else if (action.equals("echo")) {
                    conn.send(GuestFrames.echo(request.path("message").path("text").asText("ping"), tracingId));
                } else if (action.equals("onMessage")) {
                    onGuestMessage(conn, session, request.path("message"), tracingId);
                } else {
                    closeSession(conn, link, session, tracingId);
                }
            }
            case "configureAuthenticatedSession", "getJwt", "onAttachment", "getAttachment", "deleteAttachment" ->
                    conn.send(GuestFrames.text(4000, "Feature unavailable in the simulator", tracingId));
            default -> conn.send(GuestFrames.text(400, "Request failed.", tracingId));
        }
    }

    private void configureSession(WebSocket conn, Link link, ObjectNode request, String token, String tracingId) {
        if (token.isBlank() || request.path("deploymentId").asText("").isBlank()) {
            conn.send(GuestFrames.text(4020, "token and deploymentId are required", tracingId));
            return;
        }
        String named = request.path("conversationId").asText("");
        GuestSession existing = sessions.get(token);
        boolean fresh = existing == null || request.path("startNew").asBoolean(false)
                || (!named.isBlank() && !named.equals(existing.conversation.id));
        GuestSession session = fresh
                ? new GuestSession(token, conversations.get(named.isBlank()
                        ? Conversation.stableId("guest-conversation", token) : named))
                : existing;
        sessions.put(token, session);
        GuestSession previous = link.session;
        if (previous != null && previous.conversation != session.conversation) {
            previous.conversation.guestLeft(conn);
        }
        link.session = session;
        session.conversation.guestJoined(conn, fresh);
        LOG.debug("guest session {} conversation {}", fresh ? "started in" : "resumed in", session.conversation.id);
        conn.send(GuestFrames.sessionResponse(fresh, session.conversation.id, tracingId));
    }

    private void onGuestMessage(WebSocket conn, GuestSession session, JsonNode message, String tracingId) {
        long waitMs = session.messageRate.tryAcquire(clock.getAsLong());
        if (waitMs > 0) {
            conn.send(GuestFrames.tooManyRequests(SlidingWindowLimiter.retryAfterSeconds(waitMs), tracingId));
            return;
        }
        switch (message.path("type").asText("")) {
            case "Text" -> {
                String text = message.path("text").asText("");
                if (text.length() > HttpApi.MAX_TEXT_LENGTH) {
                    conn.send(GuestFrames.text(4011, "Message too long", tracingId));
                    return;
                }
                session.conversation.guestMessage();
                conn.send(GuestFrames.guestTextEcho(text, tracingId));
            }
            case "Event" -> {
                // unknown event types are ignored, as the platform does
                for (JsonNode event : message.path("events")) {
                    if (event.path("eventType").asText("").equals("Typing")) {
                        session.conversation.guestTyping();
                    }
                }
            }
            default -> conn.send(GuestFrames.text(400, "Request failed.", tracingId));
        }
    }

    private void closeSession(WebSocket conn, Link link, GuestSession session, String tracingId) {
        sessions.remove(session.token, session);
        session.conversation.guestLeft(conn);
        link.session = null;
        conn.send(GuestFrames.text(200, "Session closed", tracingId));
        conn.close(CloseFrame.NORMAL, "session closed");
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Link link = conn.getAttachment();
        if (link == null) {
            return;
        }
        if (link.dropTimer != null) {
            link.dropTimer.cancel(false);
        }
        GuestSession session = link.session;
        if (session != null) {
            session.conversation.guestLeft(conn);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            // a listener-level failure, e.g. the port is taken: startAndWait reports it
            startFailure = ex;
            started.countDown();
            return;
        }
        LOG.debug("socket error: {}", ex.toString());
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}
