package dev.gctyping.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.client.ReconnectingSocketTest.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ReactorSocket}s on the shared {@link SocketReactor}: many on one thread, writes from any thread, every way a connection ends. */
class SocketReactorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void release() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private TestServer server() {
        TestServer server = TestServer.launch();
        resources.add(() -> server.stop(1000));
        return server;
    }

    private static ReactorSocket connect(URI uri, Events events) {
        ReactorSocket socket = SocketReactor.shared().socket(uri, Map.of("Authorization", "Bearer x"), events);
        socket.connect();
        return socket;
    }

    /** A socket connected to {@code server}, once it is open. */
    private static ReactorSocket opened(TestServer server, Events events) throws InterruptedException {
        ReactorSocket socket = connect(server.uri(), events);
        assertThat(events.take()).isEqualTo("open");
        return socket;
    }

    @Test
    void twoHundredConnectionsOnOneThreadExchangeFramesBothWaysAndAllCloseCleanly() throws Exception {
        TestServer server = server();
        List<ReactorSocket> sockets = new ArrayList<>();
        List<Events> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Events socketEvents = new Events();
            events.add(socketEvents);
            sockets.add(connect(server.uri(), socketEvents));
        }
        for (int i = 0; i < 200; i++) {
            assertThat(events.get(i).take()).isEqualTo("open");
            sockets.get(i).send("from client " + i);
        }
        List<String> received = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            received.add(server.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            server.opened.poll(WAIT.toSeconds(), TimeUnit.SECONDS).send("to client");
        }
        assertThat(received).hasSize(200).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(server.authorizations).hasSize(200).containsOnly("Bearer x");
        for (Events socketEvents : events) {
            assertThat(socketEvents.take()).isEqualTo("text to client");
        }
        sockets.forEach(socket -> socket.close(CloseFrame.NORMAL, "done"));
        for (Events socketEvents : events) {
            assertThat(socketEvents.take()).isEqualTo("close 1000 done");
            assertThat(socketEvents.threads).containsOnly(SocketReactor.THREAD_NAME);
        }
        for (int i = 0; i < 200; i++) {
            assertThat(server.closeCodes.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(CloseFrame.NORMAL);
        }
        assertThat(Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals(SocketReactor.THREAD_NAME)))
                .hasSize(1);
    }

    @Test
    void framesSentFromManyThreadsAtOnceAllArriveInEachSendersOrder() throws Exception {
        TestServer server = server();
        Events events = new Events();
        ReactorSocket socket = opened(server, events);
        int senders = 8;
        int frames = 500;
        ExecutorService threads = Executors.newFixedThreadPool(senders);
        resources.add(threads::shutdownNow);
        CountDownLatch start = new CountDownLatch(1);
        for (int sender = 0; sender < senders; sender++) {
            int id = sender;
            threads.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int frame = 0; frame < frames; frame++) {
                    socket.send(id + ":" + frame);
                }
            });
        }
        start.countDown();
        int[] next = new int[senders];
        for (int i = 0; i < senders * frames; i++) {
            String frame = server.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(frame).as("frame " + i).isNotNull();
            String[] parts = frame.split(":");
            int sender = Integer.parseInt(parts[0]);
            assertThat(Integer.parseInt(parts[1])).as("from sender " + sender).isEqualTo(next[sender]++);
        }
    }

    @Test
    void aFrameQueuedFromAnotherThreadWhileTheReactorIsIdleIsSent() throws Exception {
        TestServer server = server();
        Events events = new Events();
        ReactorSocket socket = opened(server, events);
        assertThat(server.opened.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
        // nothing more to do for the reactor now: it waits in select until told otherwise
        socket.send("late");
        assertThat(server.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("late");
    }

    @Test
    void aFrameBiggerThanTheChannelTakesAtOnceGoesOutWhole() throws Exception {
        TestServer server = server();
        Events events = new Events();
        ReactorSocket socket = opened(server, events);
        String big = "x".repeat(8 * 1024 * 1024);
        socket.send(big);
        assertThat(server.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(big);
    }

    @Test
    void aRefusedHandshakeClosesWithTheLibrarysInvalidStatusReasonWithoutWaitingForThePeer() throws Exception {
        RawPeer peer = peer();
        Events events = new Events();
        connect(peer.uri(), events);
        Socket accepted = peer.accept();
        peer.readRequest(accepted);
        accepted.getOutputStream()
                .write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        // the peer keeps the connection open: the client must end it itself
        String close = events.take();
        assertThat(close).startsWith("close " + CloseFrame.PROTOCOL_ERROR + " ");
        assertThat(ConversationSocket.isRefusedHandshake(close)).isTrue();
        assertThat(close).contains("401");
        assertThat(peer.readsEndOfStream(accepted))
                .as("the client closed its end")
                .isTrue();
        events.assertNoMore();
    }

    @ParameterizedTest(name = "reset: {0}")
    @ValueSource(booleans = {true, false})
    void aPeerThatGoesAwayWithoutACloseFrameGivesOneAbnormalClose(boolean reset) throws Exception {
        RawPeer peer = peer();
        Events events = new Events();
        connect(peer.uri(), events);
        Socket accepted = peer.accept();
        peer.answerHandshake(accepted);
        assertThat(events.take()).isEqualTo("open");
        if (reset) {
            accepted.setSoLinger(true, 0); // close with a TCP reset
        }
        accepted.close();
        String close = events.take();
        assertThat(close).startsWith("close " + CloseFrame.ABNORMAL_CLOSE);
        if (reset) {
            assertThat(close).as("the reason").isNotEqualTo("close " + CloseFrame.ABNORMAL_CLOSE + " ");
        }
        events.assertNoMore();
    }

    @Test
    void anAbruptCloseFromAnotherThreadEndsTheConnectionForThePeerToo() throws Exception {
        TestServer server = server();
        Events events = new Events();
        ReactorSocket socket = opened(server, events);
        socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "lost");
        assertThat(events.take()).isEqualTo("close " + CloseFrame.ABNORMAL_CLOSE + " lost");
        assertThat(server.closeCodes.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("the server saw the connection end")
                .isEqualTo(CloseFrame.ABNORMAL_CLOSE);
        events.assertNoMore();
    }

    @Test
    void withNoSocketLeftTheReactorWaitsOutsideNativeCodeSoTheJvmNeedNotWaitForItAtExit() throws Exception {
        TestServer server = server();
        Events events = new Events();
        ReactorSocket socket = opened(server, events);
        Thread reactor = reactorThread();

        socket.close(CloseFrame.NORMAL, "done");
        assertThat(events.take()).startsWith("close " + CloseFrame.NORMAL);

        // in a select, the thread is RUNNABLE (in native code); waiting for the next socket, WAITING
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (reactor.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1); // polls the state it waits for
        }
        assertThat(reactor.getState()).isEqualTo(Thread.State.WAITING);
    }

    private static Thread reactorThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(SocketReactor.THREAD_NAME))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aConnectionRefusedIsOneCloseAsNeverConnected() throws Exception {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = unused.getLocalPort();
        }
        Events events = new Events();
        connect(URI.create("ws://127.0.0.1:" + closedPort + "/"), events);
        assertThat(events.take()).startsWith("close " + CloseFrame.NEVER_CONNECTED + " ");
        events.assertNoMore();
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeIsGivenUpOn() throws Exception {
        RawPeer peer = peer();
        Events events = new Events();
        connect(peer.uri(), events);
        peer.readRequest(peer.accept());
        String close = events.take(SocketReactor.HANDSHAKE_TIMEOUT.plus(WAIT));
        assertThat(close).isEqualTo("close " + CloseFrame.NEVER_CONNECTED + " no handshake within 10 s");
    }

    private RawPeer peer() throws IOException {
        RawPeer peer = new RawPeer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        resources.add(peer.server);
        return peer;
    }

    /** A TCP peer the test drives by hand: what a WebSocket server library would not do. */
    private record RawPeer(ServerSocket server) {
        URI uri() {
            return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/raw");
        }

        Socket accept() throws IOException {
            server.setSoTimeout((int) WAIT.toMillis());
            return server.accept();
        }

        /** The request's Sec-WebSocket-Key. */
        String readRequest(Socket socket) throws IOException {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String key = null;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18)) {
                    key = line.substring(18).trim();
                }
            }
            return key;
        }

        void answerHandshake(Socket socket) throws IOException, NoSuchAlgorithmException {
            String key = readRequest(socket);
            String accept = Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-1")
                            .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                                    .getBytes(StandardCharsets.US_ASCII)));
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        boolean readsEndOfStream(Socket socket) throws IOException {
            socket.setSoTimeout((int) WAIT.toMillis());
            return socket.getInputStream().read() == -1;
        }
    }

    /** A socket's events as strings, in order, and the threads they came on. */
    static final class Events implements ClientSocket.Events {
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        private void add(String event) {
            threads.add(Thread.currentThread().getName());
            queue.add(event);
        }

        String take() throws InterruptedException {
            return take(WAIT);
        }

        String take(Duration timeout) throws InterruptedException {
            String event = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within " + timeout).isNotNull();
            return event;
        }

        /** Nothing follows a close: a second close would show within this (it never comes later than the first). */
        void assertNoMore() throws InterruptedException {
            assertThat(queue.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }

        @Override
        public void onOpen() {
            add("open");
        }

        @Override
        public void onText(String text) {
            add("text " + text);
        }

        @Override
        public void onPong() {}

        @Override
        public void onClose(int code, String reason) {
            add("close " + code + " " + reason);
        }

        @Override
        public void onError(Exception error) {}
    }
}
