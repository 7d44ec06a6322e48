package dev.gctyping.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every case on both engines: the shared {@link SocketReactor} and the library's own client (kept for wss://). */
@ParameterizedClass
@EnumSource(ReconnectingSocketTest.Engine.class)
class ReconnectingSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final TestServer server = TestServer.launch();
    private final Events events = new Events();
    private ReconnectingSocket socket;

    @Parameter
    Engine engine;

    enum Engine {
        REACTOR((uri, headers, events) -> SocketReactor.shared().socket(uri, headers, events)),
        LIBRARY_CLIENT(LibraryClientSocket::new);

        final ClientSocket.Factory sockets;

        Engine(ClientSocket.Factory sockets) {
            this.sockets = sockets;
        }
    }

    private ReconnectingSocket open(
            SocketSettings settings, ReconnectingSocket.HandshakeSource source, ReconnectingSocket.Listener listener) {
        return settings.open("t", source, listener, engine.sockets);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (socket != null) {
            socket.close();
        }
        server.stop(1000);
    }

    private static SocketSettings fast(int maxFailures) {
        return new SocketSettings(new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), () -> 0.5), maxFailures, 0);
    }

    @Test
    void reopensAFreshConnectionWithAFreshHandshakeAfterADrop() throws Exception {
        AtomicInteger handshakes = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        socket = open(
                fast(5),
                lastFailure -> {
                    failures.add(String.valueOf(lastFailure));
                    return new ReconnectingSocket.Handshake(
                            server.uri(), Map.of("Authorization", "Bearer t" + handshakes.incrementAndGet()));
                },
                events);

        assertThat(socket.connect(WAIT)).isTrue();
        assertThat(events.take()).isEqualTo("open 1");
        server.dropNext();
        assertThat(events.take()).startsWith("reconnecting 1 ");
        assertThat(events.take()).isEqualTo("open 2");

        assertThat(server.authorizations).containsExactly("Bearer t1", "Bearer t2");
        assertThat(failures.get(0)).isEqualTo("null");
        assertThat(socket.reconnects()).isEqualTo(1);
        assertThat(socket.send("{\"hello\":1}")).isTrue();
        assertThat(server.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("{\"hello\":1}");

        socket.close();
        assertThat(events.take()).startsWith("closed 1000");
        // the server sees both connections end: no socket is left open behind us
        assertThat(server.closeCodes.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(CloseFrame.ABNORMAL_CLOSE);
        assertThat(server.closeCodes.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("second connection closed")
                .isNotNull();
        awaitNoClientThreads();
    }

    @Test
    void deliversTextFrames() throws Exception {
        socket = open(fast(5), lastFailure -> new ReconnectingSocket.Handshake(server.uri(), Map.of()), events);
        assertThat(socket.connect(WAIT)).isTrue();
        events.take();
        server.opened.poll(WAIT.toSeconds(), TimeUnit.SECONDS).send("{\"x\":1}");
        assertThat(events.take()).isEqualTo("text {\"x\":1}");
    }

    @Test
    void startClosingSendsTheCloseWithoutWaitingAndCloseThenFinishesIt() throws Exception {
        socket = open(fast(5), lastFailure -> new ReconnectingSocket.Handshake(server.uri(), Map.of()), events);
        assertThat(socket.connect(WAIT)).isTrue();
        assertThat(events.take()).isEqualTo("open 1");

        socket.startClosing();
        assertThat(server.closeCodes.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("the server saw a normal close before close() was called")
                .isEqualTo(CloseFrame.NORMAL);
        socket.close();

        assertThat(events.take()).startsWith("closed 1000");
        assertThat(socket.isOpen()).isFalse();
    }

    @Test
    void passesTheRefusalReasonToTheNextHandshakeAndGivesUpAfterMaxFailures() throws Exception {
        server.refuseAll = true;
        List<String> failures = new CopyOnWriteArrayList<>();
        socket = open(
                fast(2),
                lastFailure -> {
                    failures.add(lastFailure);
                    return new ReconnectingSocket.Handshake(server.uri(), Map.of());
                },
                events);

        assertThat(socket.connect(WAIT)).isFalse();
        assertThat(socket.awaitClosed(WAIT)).isTrue();
        assertThat(failures).hasSize(3);
        assertThat(failures.get(1))
                .satisfies(reason -> assertThat(ConversationSocket.isRefusedHandshake(reason))
                        .isTrue());
        assertThat(events.all()).last().asString().contains("gave up after 2 failed attempts");
        awaitNoClientThreads();
    }

    @Test
    void anAuthFailureWhileBuildingTheHandshakeStopsAtOnce() throws Exception {
        socket = open(
                fast(5),
                lastFailure -> {
                    throw new AuthException("refused for client id x");
                },
                events);
        assertThat(socket.connect(WAIT)).isFalse();
        assertThat(events.all()).containsExactly("closed " + CloseFrame.POLICY_VALIDATION + " refused for client id x");
    }

    @Test
    void aConnectionWhosePeerStopsAnsweringPingsIsLostAndReopened() throws Exception {
        server.silent = true;
        SocketSettings pingEverySecond = new SocketSettings(fast(5).backoff(), 5, 1);
        socket = open(pingEverySecond, lastFailure -> new ReconnectingSocket.Handshake(server.uri(), Map.of()), events);

        assertThat(socket.connect(WAIT)).isTrue();
        assertThat(events.take()).isEqualTo("open 1");
        assertThat(events.take())
                .isEqualTo("reconnecting 1 " + CloseFrame.ABNORMAL_CLOSE + " connection lost: no pong within 1500 ms");
        assertThat(events.take()).isEqualTo("open 2");
    }

    /**
     * Java-WebSocket's client threads must all end after close (they would keep a CLI alive
     * otherwise); the one shared reactor thread is a daemon and stays.
     */
    static void awaitNoClientThreads() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive()
                            && (t.getName().startsWith("WebSocketConnectReadThread")
                                    || t.getName().startsWith("WebSocketWriteThread")))) {
                assertThat(Thread.getAllStackTraces().keySet().stream()
                                .filter(t -> t.getName().equals(SocketReactor.THREAD_NAME)))
                        .as("reactor threads")
                        .hasSizeLessThanOrEqualTo(1);
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(
                "client threads still alive: " + Thread.getAllStackTraces().keySet());
    }

    /** Listener events as strings, in order. */
    static final class Events implements ReconnectingSocket.Listener {
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final List<String> all = new CopyOnWriteArrayList<>();

        private void add(String event) {
            all.add(event);
            queue.add(event);
        }

        String take() throws InterruptedException {
            String event = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(event).as("an event within " + WAIT).isNotNull();
            return event;
        }

        List<String> all() {
            return all;
        }

        @Override
        public void onOpen(int connection) {
            add("open " + connection);
        }

        @Override
        public void onText(String text) {
            add("text " + text);
        }

        @Override
        public void onReconnecting(int attempt, Duration delay, int closeCode, String reason) {
            add("reconnecting " + attempt + " " + closeCode + " " + reason);
        }

        @Override
        public void onClosed(int closeCode, String reason) {
            add("closed " + closeCode + " " + reason);
        }
    }

    /** Records Authorization headers and texts; can drop every connection or refuse handshakes. */
    static final class TestServer extends WebSocketServer {
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final BlockingQueue<WebSocket> opened = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();
        final CountDownLatch started = new CountDownLatch(1);
        volatile boolean refuseAll;
        /** Answers no pings, as a peer that died without closing. */
        volatile boolean silent;

        private TestServer() {
            super(new InetSocketAddress("127.0.0.1", 0), 1);
            setReuseAddr(true);
            setDaemon(true);
        }

        @Override
        public void onWebsocketPing(WebSocket conn, Framedata ping) {
            if (!silent) {
                super.onWebsocketPing(conn, ping);
            }
        }

        static TestServer launch() {
            TestServer server = new TestServer();
            server.start();
            try {
                assertThat(server.started.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return server;
        }

        URI uri() {
            return URI.create("ws://127.0.0.1:" + getPort() + "/v1/test");
        }

        /** Drops the next connection the server has opened (waiting for the server side of it). */
        void dropNext() throws InterruptedException {
            WebSocket connection = opened.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(connection).as("a server-side open").isNotNull();
            connection.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by test");
        }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
                WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
            if (refuseAll) {
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "refused by test");
            }
            // recorded before the handshake answer, so the client's onOpen happens after it
            if (request.hasFieldValue("Authorization")) {
                authorizations.add(request.getFieldValue("Authorization"));
            }
            return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            opened.add(conn);
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            closeCodes.add(code);
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            received.add(message);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {}

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
