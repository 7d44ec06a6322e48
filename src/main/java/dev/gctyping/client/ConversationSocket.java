package dev.gctyping.client;

import java.net.URI;
import java.util.Map;

/**
 * The {@code seed} dialect's conversation socket ({@code /v1/conversations/{id}/websocket}, simulator
 * only) with a Bearer token in the handshake. Every attempt asks {@link OAuthClient} for the token, so
 * reconnects carry a refreshed one. A refused handshake drops the cached token first: the likely
 * cause is a token that expired early, and the refusal's status (401, or Java-WebSocket servers'
 * generic 404) cannot tell us for sure.
 */
public final class ConversationSocket extends SocketClient {

    public ConversationSocket(
            Target target,
            OAuthClient oauth,
            String conversationId,
            SocketSettings settings,
            ReconnectingSocket.Listener listener) {
        super(settings.open(
                "conversation-" + conversationId, handshakes(target.seedSocket(conversationId), oauth), listener));
    }

    private static ReconnectingSocket.HandshakeSource handshakes(URI uri, OAuthClient oauth) {
        return lastFailure -> {
            if (isRefusedHandshake(lastFailure)) {
                oauth.invalidate();
            }
            return new ReconnectingSocket.Handshake(
                    uri, Map.of("Authorization", oauth.token().authorizationHeader()));
        };
    }

    /** Java-WebSocket reports a refused handshake as "Invalid status code received: 401 Status line: …". */
    static boolean isRefusedHandshake(String closeReason) {
        return closeReason != null && closeReason.contains("Invalid status code received");
    }
}
