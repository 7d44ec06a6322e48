package dev.gctyping.client;

import java.time.Duration;

/** What the seed conversation socket and the guest session share: a {@link ReconnectingSocket} underneath. */
abstract class SocketClient implements MessageSocket {
    protected final ReconnectingSocket socket;

    protected SocketClient(ReconnectingSocket socket) {
        this.socket = socket;
    }

    @Override
    public boolean connect(Duration timeout) throws InterruptedException {
        return socket.connect(timeout);
    }

    /** Starts connecting without waiting: the listener hears when it opens. */
    public void start() {
        socket.start();
    }

    @Override
    public boolean send(String json) {
        return socket.send(json);
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public int reconnects() {
        return socket.reconnects();
    }

    @Override
    public void startClosing() {
        socket.startClosing();
    }

    @Override
    public void close() {
        socket.close();
    }
}
