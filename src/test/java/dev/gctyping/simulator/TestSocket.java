package dev.gctyping.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A bare Java-WebSocket client that queues what it receives and remembers how it was closed. */
final class TestSocket extends WebSocketClient {
    /** Only how long a failing test waits: a passing one goes on at the frame, and a loaded machine can take seconds. */
    private static final long WAIT_SECONDS = 30;

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile int closeCode;
    private volatile String closeReason;

    TestSocket(URI uri, Map<String, String> headers) {
        super(uri, headers);
        setDaemon(true);
    }

    static TestSocket open(URI uri, Map<String, String> headers) throws InterruptedException {
        TestSocket socket = new TestSocket(uri, headers);
        socket.connectBlocking(WAIT_SECONDS, TimeUnit.SECONDS); // false when refused: tests then check the close
        return socket;
    }

    /** The next frame, parsed; fails the test when none arrives in time. */
    JsonNode next() throws InterruptedException {
        String frame = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within " + WAIT_SECONDS + " s");
        }
        return SimHttp.json(frame);
    }

    boolean nothingQueued() {
        return received.isEmpty();
    }

    /** Waits for the close; fails the test when the socket stays open. */
    int awaitCloseCode() throws InterruptedException {
        if (!closed.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("socket not closed within " + WAIT_SECONDS + " s");
        }
        return closeCode;
    }

    String closeReason() {
        return closeReason;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String message) {
        received.add(message);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode = code;
        closeReason = reason;
        closed.countDown();
    }

    @Override
    public void onError(Exception ex) {}
}
