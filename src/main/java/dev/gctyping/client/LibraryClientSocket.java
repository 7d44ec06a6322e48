package dev.gctyping.client;

import java.net.URI;
import java.util.Map;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/**
 * Java-WebSocket's own client, with two threads of its own per connection: kept for {@code wss://},
 * which the {@link SocketReactor} does not do.
 */
final class LibraryClientSocket extends WebSocketClient implements ClientSocket {
    private final Events events;

    LibraryClientSocket(URI uri, Map<String, String> headers, Events events) {
        super(uri, headers);
        this.events = events;
        setDaemon(true);
        setTcpNoDelay(true); // typing frames are tiny: Nagle's algorithm would hold them for tens of ms
        setConnectionLostTimeout(0); // ReconnectingSocket checks on its shared timers
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        events.onOpen();
    }

    @Override
    public void onMessage(String message) {
        events.onText(message);
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata pong) {
        events.onPong();
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        events.onClose(code, reason);
    }

    @Override
    public void onError(Exception error) {
        events.onError(error);
    }
}
