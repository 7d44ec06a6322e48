package dev.gctyping.client;

import java.time.Duration;

/** Connection changes of a reconnecting socket, called on the socket's own threads. */
public interface ConnectionListener {
    /** @param connection 1 for the first open, 2 after the first reconnect, … */
    default void onOpen(int connection) {}

    /** An attempt failed or the open socket closed; the next attempt starts after {@code delay}. */
    default void onReconnecting(int attempt, Duration delay, int closeCode, String reason) {}

    /** Final: after {@code close()}, or when reconnecting gave up. */
    default void onClosed(int closeCode, String reason) {}
}
