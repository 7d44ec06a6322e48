package dev.gctyping.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code seed} dialect's conversation socket ({@code /v1/conversations/{id}/websocket}, simulator
 * only) with a Bearer token in the handshake. Every attempt asks {@link OAuthClient} for the token, so
 * reconnects carry a refreshed one; a handshake refused with 401 (a token that expired early) drops
 * the cached token first.
 */
public final class ConversationSocket implements AutoCloseable {
    private final ReconnectingSocket socket;

    public ConversationSocket(Target target, OAuthClient oauth, String conversationId, SocketSettings settings,
            ReconnectingSocket.Listener listener) {
        URI uri = target.seedSocket(conversationId);
        this.socket = settings.open("conversation-" + conversationId, lastFailure -> {
            if (isUnauthorized(lastFailure)) {
                oauth.invalidate();
            }
            return new ReconnectingSocket.Handshake(uri, Map.of("Authorization", oauth.token().authorizationHeader()));
        }, listener);
    }

    /** Java-WebSocket reports a refused handshake as "Invalid status code received: 401 Status line: …". */
    static boolean isUnauthorized(String closeReason) {
        return closeReason != null && closeReason.matches(".*\\b401\\b.*");
    }

    /** @see ReconnectingSocket#connect(Duration) */
    public boolean connect(Duration timeout) throws InterruptedException {
        return socket.connect(timeout);
    }

    /** Sends one JSON text frame if the socket is open now. */
    public boolean send(String json) {
        return socket.send(json);
    }

    public boolean isOpen() {
        return socket.isOpen();
    }

    public int reconnects() {
        return socket.reconnects();
    }

    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return socket.awaitClosed(timeout);
    }

    @Override
    public void close() {
        socket.close();
    }
}
