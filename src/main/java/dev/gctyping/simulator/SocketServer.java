package dev.gctyping.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gctyping.protocol.PlatformLimits;
import dev.gctyping.support.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.java_websocket.exceptions.WebsocketNotConnectedException;
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

    /** Per-connection state, kept as the connection's attachment. */
    private static final class Link {
        final int refusedStatus;
        final String refusal;
        /** The run's conversations this socket works in. */
        final Conversations space;

        final Conversation seedConversation;
        volatile GuestSession session;
        int messages;
        volatile ScheduledFuture<?> dropTimer;

        Link(int refusedStatus, String refusal, Conversations space, Conversation seedConversation) {
            this.refusedStatus = refusedStatus;
            this.refusal = refusal;
            this.space = space;
            this.seedConversation = seedConversation;
        }

        static Link refused(int status, String why) {
            return new Link(status, why, null, null);
        }

        /** The conversation this socket holds, if any. */
        Conversation conversation() {
            GuestSession guest = session;
            return seedConversation != null ? seedConversation : guest == null ? null : guest.conversation;
        }

        boolean isGuest() {
            return seedConversation == null;
        }
    }

    /** A guest session, known by the token the guest generated; it outlives its sockets. */
    private static final class GuestSession {
        final String token;
        final Conversation conversation;
        final SlidingWindowLimiter messageRate =
                new SlidingWindowLimiter(PlatformLimits.GUEST_MESSAGES_PER_SECOND, 1000);
        /** Wall clock of the last configureSession or socket close: an unattached session expires from here. */
        volatile long lastUsedMs;

        GuestSession(String token, Conversation conversation) {
            this.token = token;
            this.conversation = conversation;
        }
    }

    private final TokenStore tokens;
    private final Faults faults;
    private final Runs runs;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier clock;
    private final Map<String, GuestSession> sessions = new ConcurrentHashMap<>();
    private final CountDownLatch started = new CountDownLatch(1);
    /** Open connections, for {@link #rearmStalledWrites()}: read every millisecond, changed rarely. */
    private final List<WebSocketImpl> open = new CopyOnWriteArrayList<>();

    private volatile Exception startFailure;

    /** Connections the kernel holds for the selector to accept (Linux caps it at {@code somaxconn}, 4096 by default). */
    private static final int ACCEPT_BACKLOG = 1024;

    SocketServer(
            String host,
            int port,
            TokenStore tokens,
            Faults faults,
            Runs runs,
            ScheduledExecutorService scheduler,
            LongSupplier clock) {
        super(new InetSocketAddress(host, port), 2, List.of(new RejectingDraft()));
        this.tokens = tokens;
        this.faults = faults;
        this.runs = runs;
        this.scheduler = scheduler;
        this.clock = clock;
        setReuseAddr(true);
        // a replay opens hundreds of sockets at once: with the JDK's default backlog of 50, the
        // connections beyond it while the selector is busy lose their SYN and retry a second later
        setMaxPendingConnections(ACCEPT_BACKLOG);
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
            throw new IOException(
                    "cannot listen for WebSockets on " + getAddress().getHostString() + ":"
                            + getAddress().getPort() + ": " + startFailure.getMessage(),
                    startFailure);
        }
        scheduler.scheduleWithFixedDelay(this::rearmStalledWrites, 1, 1, TimeUnit.MILLISECONDS);
    }

    /**
     * Java-WebSocket 1.6.0 can strand a frame: a handler thread queues it and asks for write interest while
     * the selector thread, having just found the queue empty, resets the interest to read-only. The frame
     * then waits until something else is sent on that connection (a reply never arrives, a guest sees
     * typing late). The stranded state is stable, so a sweep finds it: queued bytes, no write interest.
     */
    private void rearmStalledWrites() {
        for (WebSocketImpl conn : open) {
            SelectionKey key = conn.getSelectionKey();
            if (!conn.outQueue.isEmpty()
                    && key != null
                    && key.isValid()
                    && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
                onWriteDemand(conn); // harmless if the handler was only about to ask
            }
        }
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
            WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
        ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        Link link = link(request);
        conn.setAttachment(link);
        if (link.refusedStatus != 0) {
            response.setHttpStatus((short) link.refusedStatus);
        }
        return response;
    }

    private Link link(ClientHandshake request) {
        if (request.hasFieldValue(RejectingDraft.TOO_LARGE)) {
            return Link.refused(431, "the upgrade request's header is too large");
        }
        URI uri;
        try {
            uri = URI.create(request.getResourceDescriptor());
        } catch (IllegalArgumentException e) {
            return Link.refused(400, "malformed path");
        }
        String run;
        String deploymentId;
        try {
            run = Runs.queryParameter(uri.getRawQuery(), Simulator.RUN_PARAMETER);
            deploymentId = Runs.queryParameter(uri.getRawQuery(), "deploymentId");
        } catch (IllegalArgumentException e) {
            return Link.refused(400, "malformed query");
        }
        if (run == null && request.hasFieldValue(Simulator.RUN_HEADER)) {
            run = request.getFieldValue(Simulator.RUN_HEADER);
        }
        if (!Runs.valid(run)) {
            return Link.refused(400, "the run must be " + Runs.RULE);
        }
        Matcher seed = SEED_PATH.matcher(uri.getPath());
        if (seed.matches()) {
            if (tokens.check(request.getFieldValue("Authorization")).status() != TokenStore.Status.OK) {
                faults.unauthorized.incrementAndGet();
                return Link.refused(401, "a valid Bearer token is required");
            }
            Conversations space = runs.of(run);
            return new Link(0, null, space, space.get(seed.group(1)));
        }
        if (uri.getPath().equals("/v1")) {
            return deploymentId == null || deploymentId.isBlank()
                    ? Link.refused(400, "deploymentId is required")
                    : new Link(0, null, runs.of(run), null);
        }
        return Link.refused(404, "no socket at " + uri.getPath());
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        open.add((WebSocketImpl) conn);
        Link link = conn.getAttachment();
        if (link.refusedStatus != 0) {
            LOG.debug(
                    "refused socket {}: {} {}",
                    handshake.getResourceDescriptor().split("\\?")[0],
                    link.refusedStatus,
                    link.refusal);
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
        try {
            if (link.isGuest()) {
                guest(conn, link, message);
            } else {
                seed(conn, link.seedConversation, message);
            }
        } catch (WebsocketNotConnectedException closed) {
            return; // the client closed while its frame was handled: there is no one to answer
        } catch (RuntimeException e) {
            // a bug of ours, not the client's: it still gets an answer instead of waiting forever
            LOG.warn("a {} frame failed: {}", link.isGuest() ? "guest" : "seed", e.toString());
            conn.send(
                    link.isGuest()
                            ? GuestFrameWriter.text(5000, "Request failed.", null)
                            : seedError(500, "the simulator failed on this frame"));
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
        return seedError(400, message);
    }

    private static String seedError(int code, String message) {
        ObjectNode error = SimulatorJson.object();
        error.put("type", "error");
        error.put("code", code);
        error.put("message", message);
        return Json.write(error);
    }

    private void guest(WebSocket conn, Link link, String message) {
        ObjectNode request = SimulatorJson.parseObject(message);
        if (request == null) {
            conn.send(GuestFrameWriter.text(400, "Request failed.", null));
            return;
        }
        String tracingId =
                request.hasNonNull("tracingId") ? request.get("tracingId").asText() : null;
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
                    conn.send(GuestFrameWriter.text(4007, "Session not found", tracingId));
                } else if (action.equals("echo")) {
                    JsonNode ping = request.path("message");
                    conn.send(GuestFrameWriter.echo(
                            ping.path("text").asText("ping"), ping.get("metadata"), clock.getAsLong(), tracingId));
                } else if (action.equals("onMessage")) {
                    onGuestMessage(conn, session, request.path("message"), tracingId);
                } else {
                    closeSession(
                            conn,
                            link,
                            session,
                            request.path("closeAllConnections").asBoolean(false),
                            tracingId);
                }
            }
            case "configureAuthenticatedSession", "getJwt", "onAttachment", "getAttachment", "deleteAttachment" ->
                conn.send(GuestFrameWriter.text(4000, "Feature unavailable in the simulator", tracingId));
            default -> conn.send(GuestFrameWriter.text(400, "Request failed.", tracingId));
        }
    }

    private void configureSession(WebSocket conn, Link link, ObjectNode request, String token, String tracingId) {
        if (token.isBlank() || request.path("deploymentId").asText("").isBlank()) {
            conn.send(GuestFrameWriter.text(4020, "token and deploymentId are required", tracingId));
            return;
        }
        String named = request.path("conversationId").asText("");
        GuestSession existing = sessions.get(token);
        boolean fresh = existing == null
                || request.path("startNew").asBoolean(false)
                || (!named.isBlank() && !named.equals(existing.conversation.id));
        GuestSession session = fresh
                ? new GuestSession(
                        token,
                        link.space.get(named.isBlank() ? Conversation.stableId("guest-conversation", token) : named))
                : existing;
        session.lastUsedMs = clock.getAsLong();
        sessions.put(token, session);
        GuestSession previous = link.session;
        if (previous != null && previous.conversation != session.conversation) {
            previous.conversation.guestLeft(conn);
        }
        link.session = session;
        session.conversation.guestJoined(conn, fresh);
        LOG.debug("guest session {} conversation {}", fresh ? "started in" : "resumed in", session.conversation.id);
        conn.send(GuestFrameWriter.sessionResponse(fresh, session.conversation.id, tracingId));
    }

    private void onGuestMessage(WebSocket conn, GuestSession session, JsonNode message, String tracingId) {
        long waitMs = session.messageRate.tryAcquire(clock.getAsLong());
        if (waitMs > 0) {
            conn.send(GuestFrameWriter.tooManyRequests(SlidingWindowLimiter.retryAfterSeconds(waitMs), tracingId));
            return;
        }
        switch (message.path("type").asText("")) {
            case "Text" -> {
                String text = message.path("text").asText("");
                if (text.length() > HttpApi.MAX_TEXT_LENGTH) {
                    conn.send(GuestFrameWriter.text(4011, "Message too long", tracingId));
                    return;
                }
                session.conversation.guestMessage(
                        GuestFrameWriter.guestTextEcho(text, message.get("metadata"), clock.getAsLong(), tracingId));
            }
            case "Event" -> guestEvents(conn, session, message.path("events"), tracingId);
            default -> conn.send(GuestFrameWriter.text(400, "Request failed.", tracingId));
        }
    }

    /**
     * The guest's events: its own {@code Typing On} comes back to the conversation's guests as an
     * Inbound event (as the platform echoes a guest's messages); other event types are ignored, as
     * the platform does with types it does not know.
     */
    private void guestEvents(WebSocket conn, GuestSession session, JsonNode events, String tracingId) {
        for (JsonNode event : events) {
            if (event.path("eventType").asText("").equals("Typing")) {
                if (!event.path("typing").path("type").asText("").equals("On")) {
                    conn.send(GuestFrameWriter.text(400, "Request failed.", tracingId));
                    return;
                }
                session.conversation.guestTyping(GuestFrameWriter.guestTypingEcho(clock.getAsLong(), tracingId));
            }
        }
    }

    /**
     * Ends the session: the closing connection gets a {@code SessionResponse} with
     * {@code connected:false} and stays open (a client may configure a new session on it); with
     * {@code closeAllConnections}, the session's other connections get a {@code ConnectionClosedEvent}.
     */
    private void closeSession(WebSocket conn, Link link, GuestSession session, boolean closeAll, String tracingId) {
        sessions.remove(session.token, session);
        for (WebSocket other : closeAll ? getConnections() : List.<WebSocket>of()) {
            Object attachment = other.getAttachment();
            if (other != conn && attachment instanceof Link otherLink && otherLink.session == session) {
                leave(other, otherLink);
                other.send(GuestFrameWriter.connectionClosed());
            }
        }
        leave(conn, link);
        conn.send(GuestFrameWriter.sessionClosed(tracingId));
    }

    private static void leave(WebSocket conn, Link link) {
        GuestSession session = link.session;
        if (session != null) {
            session.conversation.guestLeft(conn);
            link.session = null;
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        open.remove((WebSocketImpl) conn);
        Link link = conn.getAttachment();
        if (link == null) {
            return;
        }
        if (link.dropTimer != null) {
            link.dropTimer.cancel(false);
        }
        // idle times start now (before the guest leaves, so a report without the guest implies them)
        GuestSession session = link.session;
        if (session != null) {
            session.lastUsedMs = clock.getAsLong();
        }
        Conversation held = link.conversation();
        if (held != null) {
            link.space.touch(held);
        }
        if (session != null) {
            session.conversation.guestLeft(conn);
        }
    }

    /**
     * Closes this server starts because of what the client sent (a frame too big, unmasked, not UTF-8…)
     * are the client's mistake: one WARN line, no stack trace. A guest whose message is too big is told
     * so the Guest API's way (4011) before the close.
     */
    @Override
    public void onCloseInitiated(WebSocket conn, int code, String reason) {
        if (code != CloseFrame.PROTOCOL_ERROR && code != CloseFrame.NO_UTF8 && code != CloseFrame.TOOBIG) {
            return;
        }
        Link link = conn.getAttachment();
        String kind = link == null || link.refusedStatus != 0 ? "refused" : link.isGuest() ? "guest" : "seed";
        LOG.warn("closing a {} socket from {}: {} ({})", kind, conn.getRemoteSocketAddress(), reason, code);
        if (code == CloseFrame.TOOBIG && kind.equals("guest")) {
            conn.send(GuestFrameWriter.text(4011, "Message too long", null));
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
        if (ex instanceof RuntimeException) {
            LOG.error("socket handler failed", ex); // our bug, not the client's
        } else {
            // bad frames are reported by onCloseInitiated; I/O errors are the peer going away
            LOG.debug("socket error: {}", ex.toString());
        }
    }

    /** The conversations that open sockets and live guest sessions hold: they do not expire. */
    Set<Conversation> inUse() {
        Set<Conversation> held = new HashSet<>();
        for (WebSocket conn : getConnections()) {
            Link link = conn.getAttachment();
            Conversation conversation = link == null ? null : link.conversation();
            if (conversation != null) {
                held.add(conversation);
            }
        }
        sessions.values().forEach(session -> held.add(session.conversation));
        return held;
    }

    /** Forgets guest sessions no socket uses and none used since {@code now - idleMs}; returns how many. */
    int expireSessions(long now, long idleMs) {
        Set<GuestSession> attached = new HashSet<>();
        for (WebSocket conn : getConnections()) {
            Link link = conn.getAttachment();
            if (link != null && link.session != null) {
                attached.add(link.session);
            }
        }
        int before = sessions.size();
        sessions.values().removeIf(session -> !attached.contains(session) && now - session.lastUsedMs >= idleMs);
        return before - sessions.size();
    }

    /**
     * After a reset: closes the sockets working in the forgotten spaces (1012, the clients reconnect into
     * fresh ones) and forgets their guest sessions; returns how many sockets were closed.
     */
    int closeSpaces(Collection<Conversations> forgotten) {
        Set<Conversations> spaces = Collections.newSetFromMap(new IdentityHashMap<>());
        spaces.addAll(forgotten);
        int closed = 0;
        for (WebSocket conn : getConnections()) {
            Link link = conn.getAttachment();
            if (link != null && link.space != null && spaces.contains(link.space)) {
                conn.close(CloseFrame.SERVICE_RESTART, "simulator reset");
                closed++;
            }
        }
        Set<Conversation> conversations = Collections.newSetFromMap(new IdentityHashMap<>());
        forgotten.forEach(space -> conversations.addAll(space.all()));
        sessions.values().removeIf(session -> conversations.contains(session.conversation));
        return closed;
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}
