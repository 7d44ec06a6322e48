package dev.gctyping.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket that reopens itself: after an unexpected close it waits ({@link Backoff}, with jitter)
 * and connects a fresh {@link ClientSocket} (Java-WebSocket connections cannot be reused), asking
 * the {@link HandshakeSource} for the URI and headers each time so a refreshed token goes into
 * every attempt. Attempts run on the shared
 * {@link #ATTEMPTS}, one at a time per socket (the next is scheduled when the last one's connection
 * ends): no recursion, and no old socket left open. It gives up after {@code maxFailures} attempts in
 * a row that never opened.
 */
public final class ReconnectingSocket implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReconnectingSocket.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);
    /**
     * Every socket's timers: retry delays, lost-connection checks and repeated tasks, none of which
     * blocks. Shared, as hundreds of sockets each with timer threads of their own (ours and
     * Java-WebSocket's lost-connection checker) cost thread start-ups and longer GC pauses for
     * threads that mostly sleep.
     */
    private static final ScheduledThreadPoolExecutor TIMERS = timers();
    /**
     * The attempts themselves, which may wait for a token (a slow or faulty OAuth server): threads
     * started as needed, so that one socket's wait holds no other socket's attempt or timer back,
     * and ended after a second idle (a replay opening 200 sockets at once would otherwise keep
     * dozens of idle threads for the JDK's default minute).
     */
    private static final ExecutorService ATTEMPTS = new ThreadPoolExecutor(
            0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), daemon("gctyping-socket-attempt-"));

    /** What to connect to, built afresh for every attempt. */
    public record Handshake(URI uri, Map<String, String> headers) {}

    @FunctionalInterface
    public interface HandshakeSource {
        /**
         * @param lastFailure why the previous attempt closed (e.g. "Invalid status code received: 401 …"),
         *     or null before the first attempt
         */
        Handshake next(String lastFailure);
    }

    /**
     * Callbacks, on the shared socket thread for {@code ws://} (the library's threads for {@code wss://}):
     * never block in them (every other socket waits meanwhile), and never call {@link #close()} from them.
     */
    public interface Listener extends ConnectionListener {
        void onText(String text);
    }

    private final String name;
    private final HandshakeSource source;
    private final Listener listener;
    private final Backoff backoff;
    private final int maxFailures;
    private final int connectionLostTimeoutSeconds;
    private final ClientSocket.Factory sockets;
    /** This socket's repeated tasks, cancelled when it is finally closed. */
    private final Set<ScheduledFuture<?>> timers = ConcurrentHashMap.newKeySet();

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final CountDownLatch firstOpenOrGiveUp = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean finishing = new AtomicBoolean();
    private volatile Attempt current;
    private volatile boolean closing;

    /**
     * @param connectionLostTimeoutSeconds ping interval; the socket counts as lost after 1.5× without a pong (0 = off)
     * @param sockets makes each attempt's connection ({@link ClientSocket#BY_SCHEME} but in tests)
     */
    ReconnectingSocket(
            String name,
            HandshakeSource source,
            Listener listener,
            Backoff backoff,
            int maxFailures,
            int connectionLostTimeoutSeconds,
            ClientSocket.Factory sockets) {
        this.sockets = sockets;
        this.name = name;
        this.source = source;
        this.listener = listener;
        this.backoff = backoff;
        this.maxFailures = maxFailures;
        this.connectionLostTimeoutSeconds = connectionLostTimeoutSeconds;
    }

    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemon("gctyping-socket-timers-"));
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger threads = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Starts connecting and waits until the socket is open for the first time.
     *
     * @return false if it did not open within {@code timeout} or reconnecting gave up (it keeps trying in the first case)
     */
    public boolean connect(Duration timeout) throws InterruptedException {
        start();
        return firstOpenOrGiveUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && connections.get() > 0;
    }

    /** Starts connecting and returns at once: the listener hears when it opens. */
    public void start() {
        if (connectionLostTimeoutSeconds > 0) {
            repeat(Duration.ofSeconds(connectionLostTimeoutSeconds), this::checkAlive);
        }
        ATTEMPTS.execute(() -> attempt(null));
    }

    /**
     * Pings the open connection; one silent for 1.5 intervals (no pong, no frame) is lost and closed
     * as abnormally as a dead peer would leave it, which reconnects. What Java-WebSocket's own
     * checker does, without its thread per socket.
     */
    private void checkAlive() {
        Attempt attempt = current;
        if (attempt == null || !attempt.socket.isOpen()) {
            return;
        }
        long lostAfterNanos = TimeUnit.SECONDS.toNanos(connectionLostTimeoutSeconds) * 3 / 2;
        if (System.nanoTime() - attempt.lastHeardNanos > lostAfterNanos) {
            attempt.socket.closeConnection(
                    CloseFrame.ABNORMAL_CLOSE,
                    "connection lost: no pong within " + TimeUnit.NANOSECONDS.toMillis(lostAfterNanos) + " ms");
        } else {
            try {
                attempt.socket.sendPing();
            } catch (WebsocketNotConnectedException e) {
                // it closed since isOpen(): its close reconnects
            }
        }
    }

    /** Sends a text frame if the socket is open now; false means it was not sent (the caller decides what to do). */
    public boolean send(String text) {
        Attempt attempt = current;
        if (attempt == null || !attempt.socket.isOpen()) {
            return false;
        }
        try {
            attempt.socket.send(text);
            return true;
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
    }

    public boolean isOpen() {
        Attempt attempt = current;
        return attempt != null && attempt.socket.isOpen();
    }

    /** Times the socket opened again after the first open. */
    public int reconnects() {
        return Math.max(0, connections.get() - 1);
    }

    /** Runs {@code task} every {@code period} on the shared timers until the socket is finally closed (e.g. a heartbeat). */
    public void repeat(Duration period, Runnable task) {
        if (finishing.get()) {
            return; // already finally closed: nothing to repeat for
        }
        timers.add(TIMERS.scheduleAtFixedRate(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.warn("{}: periodic task failed: {}", name, e.toString());
                    }
                },
                period.toMillis(),
                period.toMillis(),
                TimeUnit.MILLISECONDS));
        if (finishing.get()) {
            cancelTimers(); // closed meanwhile
        }
    }

    private void cancelTimers() {
        timers.forEach(timer -> timer.cancel(false));
        timers.clear();
    }

    /** Blocks until the socket is finally closed (by {@link #close()} or by giving up). */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops reconnecting and starts the close handshake (1000) without waiting for it: closing many
     * sockets, start them all, then {@link #close()} each, and their handshakes overlap.
     */
    public void startClosing() {
        closing = true;
        cancelTimers();
        Attempt attempt = current;
        if (attempt != null && !attempt.socket.isClosed()) {
            attempt.socket.close(CloseFrame.NORMAL, "client closing");
        }
    }

    /** Closes normally (1000) and stops reconnecting; waits briefly for the close handshake. */
    @Override
    public void close() {
        startClosing();
        Attempt attempt = current;
        if (attempt != null && !attempt.socket.isClosed()) {
            try {
                if (!attempt.closed.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    attempt.socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "close handshake timed out");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                attempt.socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "interrupted");
            }
        }
        finish(CloseFrame.NORMAL, "closed by client");
    }

    private void attempt(String lastFailure) {
        if (closing) {
            return;
        }
        Handshake handshake;
        try {
            handshake = source.next(lastFailure);
        } catch (AuthException e) {
            giveUp(CloseFrame.POLICY_VALIDATION, e.getMessage());
            return;
        } catch (RuntimeException e) {
            scheduleRetry(CloseFrame.NEVER_CONNECTED, e.getMessage());
            return;
        }
        Attempt attempt = new Attempt(handshake);
        current = attempt;
        if (closing) {
            return; // closed while the handshake was being built: nothing to open
        }
        log.debug("{}: connecting to {}", name, handshake.uri());
        attempt.socket.connect();
    }

    private void scheduleRetry(int code, String reason) {
        int attempt = failures.incrementAndGet();
        if (attempt > maxFailures) {
            giveUp(code, "gave up after " + maxFailures + " failed attempts; last: " + reason);
            return;
        }
        Duration delay = backoff.delay(attempt);
        log.debug("{}: closed ({} {}), reconnecting in {} ms", name, code, reason, delay.toMillis());
        listener.onReconnecting(attempt, delay, code, reason);
        // a no-op once closed
        TIMERS.schedule(() -> ATTEMPTS.execute(() -> attempt(reason)), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void giveUp(int code, String reason) {
        log.warn("{}: {}", name, reason);
        finish(code, reason);
    }

    private void finish(int code, String reason) {
        if (finishing.compareAndSet(false, true)) {
            cancelTimers();
            // the listener hears it before anyone waiting on the latches wakes up
            listener.onClosed(code, reason);
            finished.countDown();
            firstOpenOrGiveUp.countDown();
        }
    }

    /** One connection attempt: its socket, and what this socket tracks of it. */
    private final class Attempt implements ClientSocket.Events {
        final ClientSocket socket;
        final CountDownLatch closed = new CountDownLatch(1);
        /** When the peer was last heard from (any frame, a pong included): {@link #checkAlive()} reads it. */
        volatile long lastHeardNanos = System.nanoTime();

        Attempt(Handshake handshake) {
            socket = sockets.create(handshake.uri(), handshake.headers(), this);
        }

        @Override
        public void onOpen() {
            lastHeardNanos = System.nanoTime();
            failures.set(0);
            int connection = connections.incrementAndGet();
            log.debug("{}: open (connection {})", name, connection);
            listener.onOpen(connection);
            firstOpenOrGiveUp.countDown();
        }

        @Override
        public void onText(String text) {
            lastHeardNanos = System.nanoTime();
            listener.onText(text);
        }

        @Override
        public void onPong() {
            lastHeardNanos = System.nanoTime();
        }

        @Override
        public void onClose(int code, String reason) {
            closed.countDown();
            if (closing || current != this) {
                return;
            }
            scheduleRetry(code, reason == null || reason.isEmpty() ? "closed" : reason);
        }

        @Override
        public void onError(Exception error) {
            // onClose follows and decides; the message may be all the user gets, so keep it
            log.debug("{}: socket error: {}", name, error.toString());
        }
    }
}
