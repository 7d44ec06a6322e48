package dev.gctyping.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread that does the I/O of every plain {@code ws://} client connection
 * ({@link ReactorSocket}), while Java-WebSocket's {@code WebSocketImpl} stays the protocol engine. A
 * replay opens hundreds of sockets: as library clients they cost two threads each, with their stacks
 * and read buffers, which showed as page faults, GC root scanning and futex wake-ups.
 *
 * <p>Only this thread registers channels and changes interest ops: other threads hand it sockets
 * through queues and wake it up. Socket callbacks (open, text, pong, close) run on it, so they must
 * not block.
 */
final class SocketReactor implements Runnable {
    static final String THREAD_NAME = "gctyping-sockets";
    private static final Logger log = LoggerFactory.getLogger(SocketReactor.class);
    private static final int READ_BUFFER_BYTES = 16 * 1024;
    /** From starting to connect to the server's handshake answer; the library's client waits as long as the OS. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private static SocketReactor shared;

    private final Selector selector;
    private final Thread thread;
    private final Queue<ReactorSocket> registrations = new ConcurrentLinkedQueue<>();
    /** What the thread waits on while no socket is left (see {@link #awaitSockets}). */
    private final Object idle = new Object();
    /** Sockets handed to this reactor and not closed yet. */
    private final AtomicInteger sockets = new AtomicInteger();

    private final Queue<ReactorSocket> writeDemands = new ConcurrentLinkedQueue<>();
    /** Sockets not open yet, oldest deadline first (all have the same timeout); this thread's only. */
    private final ArrayDeque<ReactorSocket> handshaking = new ArrayDeque<>();
    /**
     * One read buffer for all sockets. On the heap, not direct: the library's frame decoder reads
     * unmasked payloads through {@code array()}; the JDK copies through one cached direct buffer
     * per thread, and there is only this one.
     */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);

    private SocketReactor() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        thread = new Thread(this, THREAD_NAME);
        thread.setDaemon(true);
    }

    /** The reactor every client connection shares, started the first time one needs it. */
    static synchronized SocketReactor shared() {
        if (shared == null) {
            shared = new SocketReactor();
            shared.thread.start();
        }
        return shared;
    }

    ReactorSocket socket(URI uri, Map<String, String> headers, ClientSocket.Events events) {
        return new ReactorSocket(this, uri, headers, events);
    }

    /** Called by a socket whose channel has started connecting. */
    void register(ReactorSocket socket) {
        sockets.incrementAndGet();
        registrations.add(socket);
        synchronized (idle) {
            idle.notifyAll();
        }
        selector.wakeup();
    }

    /** Called by a socket with frames to write, from any thread. */
    void demandWrite(ReactorSocket socket) {
        writeDemands.add(socket);
        if (Thread.currentThread() != thread) {
            selector.wakeup(); // on this thread, the loop flushes before it selects again
        }
    }

    /**
     * Called once by a registered socket whose channel was closed, from any thread: the JDK releases
     * a registered channel's file descriptor at the selector's next select, which an idle reactor
     * would not reach.
     */
    void closed() {
        sockets.decrementAndGet();
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    @Override
    public void run() {
        while (true) {
            try {
                awaitSockets();
                registerNewSockets();
                flushWriteDemands();
                selector.select(selectTimeoutMillis());
                for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    ((ReactorSocket) key.attachment()).handle(key, readBuffer);
                }
                expireHandshakes();
            } catch (IOException | RuntimeException e) {
                // sockets handle their own failures: this is the selector's, and the reactor must carry on
                log.warn("socket reactor: {}", e.toString());
            } catch (InterruptedException e) {
                // nothing interrupts it on purpose: every socket depends on it, so it carries on
            }
        }
    }

    /**
     * With no socket left, waits for the next one on a Java monitor rather than in the selector: at
     * exit, the JVM gives threads in native code (a select is one) 300 ms to come back, which every
     * wire job would pay at its end.
     */
    private void awaitSockets() throws IOException, InterruptedException {
        if (sockets.get() > 0) {
            return;
        }
        selector.selectNow(); // the closed channels' keys leave, and their descriptors go, only at a select
        synchronized (idle) {
            while (sockets.get() == 0) {
                idle.wait();
            }
        }
    }

    private void registerNewSockets() {
        for (ReactorSocket socket; (socket = registrations.poll()) != null; ) {
            try {
                socket.registered(selector);
                handshaking.add(socket);
            } catch (ClosedChannelException e) {
                // closed while it waited for us: its close was reported then
            }
        }
    }

    private void flushWriteDemands() {
        for (ReactorSocket socket; (socket = writeDemands.poll()) != null; ) {
            socket.flush();
        }
    }

    /** Until the oldest handshake's deadline, or for as long as it takes when none is pending. */
    private long selectTimeoutMillis() {
        ReactorSocket oldest = handshaking.peek();
        if (oldest == null) {
            return 0;
        }
        return Math.max(1, (oldest.handshakeDeadlineNanos() - System.nanoTime()) / 1_000_000);
    }

    private void expireHandshakes() {
        long now = System.nanoTime();
        for (ReactorSocket oldest; (oldest = handshaking.peek()) != null; ) {
            if (oldest.isConnecting() && now - oldest.handshakeDeadlineNanos() < 0) {
                return;
            }
            handshaking.poll();
            if (oldest.isConnecting()) {
                oldest.closeConnection(
                        CloseFrame.NEVER_CONNECTED, "no handshake within " + HANDSHAKE_TIMEOUT.toSeconds() + " s");
            }
        }
    }
}
