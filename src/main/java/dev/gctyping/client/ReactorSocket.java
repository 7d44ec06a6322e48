package dev.gctyping.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Map;
import org.java_websocket.SocketChannelIOHelper;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.HandshakeImpl1Client;
import org.java_websocket.handshake.Handshakedata;

/**
 * A plain {@code ws://} client connection whose I/O the {@link SocketReactor} does: a non-blocking
 * channel, with Java-WebSocket's {@link WebSocketImpl} (client role) for the handshake, framing,
 * masking, pings and the close handshake. It reacts to I/O as the library's own client does: the
 * same close codes and reasons (a refused handshake's "Invalid status code received: …" included).
 */
final class ReactorSocket extends WebSocketAdapter implements ClientSocket {
    private final SocketReactor reactor;
    private final URI uri;
    private final Map<String, String> headers;
    private final Events events;
    private final WebSocketImpl engine;
    private final long handshakeDeadlineNanos;
    private volatile SocketChannel channel;
    /** Whether the reactor counts it (from its connecting on): told once when it closes. */
    private volatile boolean registered;
    /** Set and used on the reactor thread only. */
    private SelectionKey key;

    ReactorSocket(SocketReactor reactor, URI uri, Map<String, String> headers, Events events) {
        this.reactor = reactor;
        this.uri = uri;
        this.headers = headers;
        this.events = events;
        this.engine = new WebSocketImpl(this, new Draft_6455());
        this.handshakeDeadlineNanos = System.nanoTime() + SocketReactor.HANDSHAKE_TIMEOUT.toNanos();
    }

    private int port() {
        return uri.getPort() == -1 ? WebSocketImpl.DEFAULT_PORT : uri.getPort();
    }

    /** Opens the channel on the caller's thread (which resolves the host name, and may wait for DNS) and hands it to the reactor. */
    @Override
    public void connect() {
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // typing frames are tiny: no Nagle delay
            channel.connect(new InetSocketAddress(uri.getHost(), port()));
        } catch (IOException | RuntimeException e) { // RuntimeException: an unresolved address, for one
            events.onError(e);
            engine.closeConnection(CloseFrame.NEVER_CONNECTED, reasonOf(e));
            return;
        }
        registered = true;
        reactor.register(this);
    }

    private static String reasonOf(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    long handshakeDeadlineNanos() {
        return handshakeDeadlineNanos;
    }

    boolean isConnecting() {
        return engine.getReadyState() == ReadyState.NOT_YET_CONNECTED;
    }

    /** On the reactor thread. */
    void registered(Selector selector) throws ClosedChannelException {
        key = channel.register(selector, SelectionKey.OP_CONNECT, this);
        if (channel.isConnected()) {
            connected(); // a loopback connect may complete at once, and then is never reported
        }
    }

    /** On the reactor thread: what the selector found ready. */
    void handle(SelectionKey selected, ByteBuffer readBuffer) {
        try {
            if (selected.isValid() && selected.isConnectable() && channel.finishConnect()) {
                connected();
            }
            if (selected.isValid() && selected.isReadable()) {
                read(readBuffer);
            }
            if (selected.isValid() && selected.isWritable()) {
                flush();
            }
        } catch (CancelledKeyException e) {
            // closed from another thread meanwhile: its close was reported there
        } catch (IOException e) {
            closeAfter(e);
        } catch (RuntimeException e) {
            // a bug here or in a listener: this connection ends, the reactor and the others carry on
            events.onError(e);
            engine.closeConnection(CloseFrame.ABNORMAL_CLOSE, reasonOf(e));
        }
    }

    private void connected() {
        if (engine.isClosing()) {
            engine.eot(); // closed while connecting: nothing to say hello for
            return;
        }
        key.interestOps(SelectionKey.OP_READ);
        try {
            engine.startHandshake(handshake()); // queues the request: a write demand
        } catch (InvalidHandshakeException e) {
            events.onError(e);
            engine.closeConnection(CloseFrame.NEVER_CONNECTED, reasonOf(e));
        }
    }

    /** The request the library's client sends: path and query, Host with a non-default port, the caller's headers. */
    private HandshakeImpl1Client handshake() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += '?' + uri.getRawQuery();
        }
        int port = port();
        HandshakeImpl1Client handshake = new HandshakeImpl1Client();
        handshake.setResourceDescriptor(path);
        handshake.put(
                "Host",
                uri.getHost()
                        + (port != WebSocketImpl.DEFAULT_PORT && port != WebSocketImpl.DEFAULT_WSS_PORT
                                ? ":" + port
                                : ""));
        headers.forEach(handshake::put);
        return handshake;
    }

    private void read(ByteBuffer buffer) throws IOException {
        buffer.clear();
        int read = channel.read(buffer);
        if (read == -1) {
            engine.eot();
            return;
        }
        buffer.flip();
        if (read > 0) {
            engine.decode(buffer);
        }
        if (engine.isClosing()) {
            // as the library's client: a closing socket reads no further and ends here (a close
            // frame it answers with goes out first, if the socket takes it at once)
            SocketChannelIOHelper.batch(engine, channel);
            engine.eot();
        }
    }

    /**
     * On the reactor thread: writes what the engine queued, and waits for the channel to take the rest.
     * No frame is stranded: every frame queued comes with a write demand that calls this after it.
     */
    void flush() {
        if (key == null || !key.isValid() || !channel.isConnected()) {
            return; // not connected yet (connected() starts writing) or closed
        }
        try {
            boolean drained = SocketChannelIOHelper.batch(engine, channel);
            key.interestOps(drained ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        } catch (CancelledKeyException e) {
            // closed from another thread meanwhile: its close was reported there
        } catch (IOException e) {
            closeAfter(e);
        }
    }

    private void closeAfter(IOException e) {
        events.onError(e);
        if (engine.isFlushAndClose()) {
            engine.eot(); // already closing: with the code and reason it is closing with
        } else {
            engine.closeConnection(
                    isConnecting() ? CloseFrame.NEVER_CONNECTED : CloseFrame.ABNORMAL_CLOSE, reasonOf(e));
        }
    }

    @Override
    public boolean isOpen() {
        return engine.isOpen();
    }

    @Override
    public boolean isClosed() {
        return engine.isClosed();
    }

    @Override
    public void send(String text) {
        engine.send(text);
    }

    @Override
    public void sendPing() {
        engine.sendPing();
    }

    @Override
    public void close(int code, String reason) {
        engine.close(code, reason);
    }

    @Override
    public void closeConnection(int code, String reason) {
        engine.closeConnection(code, reason);
    }

    // the engine's callbacks: on the reactor thread, but for closes and writes started elsewhere

    @Override
    public void onWebsocketOpen(WebSocket conn, Handshakedata handshake) {
        events.onOpen();
    }

    @Override
    public void onWebsocketMessage(WebSocket conn, String message) {
        events.onText(message);
    }

    @Override
    public void onWebsocketMessage(WebSocket conn, ByteBuffer blob) {
        // no binary frames in this protocol: ignored, as the library's client does by default
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata pong) {
        events.onPong();
    }

    @Override
    public void onWriteDemand(WebSocket conn) {
        reactor.demandWrite(this);
    }

    /** The engine reports each connection's end once: the channel goes (closing it cancels its key), then the events hear it. */
    @Override
    public void onWebsocketClose(WebSocket conn, int code, String reason, boolean remote) {
        SocketChannel closing = channel;
        if (closing != null) {
            try {
                closing.close();
            } catch (IOException e) {
                events.onError(e);
            }
        }
        if (registered) {
            reactor.closed();
        }
        events.onClose(code, reason);
    }

    @Override
    public void onWebsocketClosing(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onWebsocketCloseInitiated(WebSocket conn, int code, String reason) {}

    @Override
    public void onWebsocketError(WebSocket conn, Exception error) {
        events.onError(error);
    }

    @Override
    public InetSocketAddress getLocalSocketAddress(WebSocket conn) {
        SocketChannel current = channel;
        return current == null ? null : (InetSocketAddress) current.socket().getLocalSocketAddress();
    }

    @Override
    public InetSocketAddress getRemoteSocketAddress(WebSocket conn) {
        SocketChannel current = channel;
        return current == null ? null : (InetSocketAddress) current.socket().getRemoteSocketAddress();
    }
}
