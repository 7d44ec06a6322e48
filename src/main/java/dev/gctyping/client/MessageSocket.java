package dev.gctyping.client;

import java.time.Duration;

/** A reconnecting JSON text socket: the seed conversation socket or a Guest API session. */
public interface MessageSocket extends AutoCloseable {
    /** Connects and waits for the first open; false if it did not open in time or gave up. */
    boolean connect(Duration timeout) throws InterruptedException;

    /** Sends one text frame if the socket is open now; false means not sent. */
    boolean send(String json);

    boolean isOpen();

    /** Times the socket opened again after the first open. */
    int reconnects();

    /** Starts closing without waiting: {@link #close()} then waits for less (closing many at once). */
    void startClosing();

    @Override
    void close();
}
