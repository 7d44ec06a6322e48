package dev.gctyping.client;

import java.net.URI;
import java.util.Map;

/**
 * One connection attempt's WebSocket as {@link ReconnectingSocket} drives it: connected once, never
 * reused. Two engines: {@link ReactorSocket} for plain {@code ws://} (all of them on one shared
 * thread) and {@link LibraryClientSocket}, Java-WebSocket's own client, for {@code wss://}.
 */
interface ClientSocket {
    /** Starts connecting and returns at once; the events tell how it went. */
    void connect();

    boolean isOpen();

    boolean isClosed();

    /** @throws org.java_websocket.exceptions.WebsocketNotConnectedException when not open */
    void send(String text);

    void sendPing();

    /** Starts the close handshake. */
    void close(int code, String reason);

    /** Closes at once, without a close handshake. */
    void closeConnection(int code, String reason);

    /** What a socket reports; exactly one {@link #onClose} per socket, whether it opened or not. */
    interface Events {
        void onOpen();

        void onText(String text);

        void onPong();

        void onClose(int code, String reason);

        void onError(Exception error);
    }

    @FunctionalInterface
    interface Factory {
        ClientSocket create(URI uri, Map<String, String> headers, Events events);
    }

    /**
     * Plain {@code ws://} (simulators: hundreds of connections in a replay) on the shared
     * {@link SocketReactor}; {@code wss://} (the real Genesys Cloud) on the library's client, with
     * its TLS, as before: the reactor does not do TLS.
     */
    Factory BY_SCHEME = (uri, headers, events) -> "wss".equalsIgnoreCase(uri.getScheme())
            ? new LibraryClientSocket(uri, headers, events)
            : SocketReactor.shared().socket(uri, headers, events);
}
