package dev.gctyping.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a {@link ReconnectingSocket} retries: backoff between attempts, how many failed attempts in a
 * row before giving up, and the ping interval that detects a dead connection.
 */
public record SocketSettings(Backoff backoff, int maxFailures, int connectionLostTimeoutSeconds) {

    /** 0.5 s doubling to 30 s, 10 failed attempts in a row (about 3 minutes), ping every 30 s. */
    public static SocketSettings defaults() {
        return new SocketSettings(
                new Backoff(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(30),
                        () -> ThreadLocalRandom.current().nextDouble()),
                10,
                30);
    }

    ReconnectingSocket open(
            String name, ReconnectingSocket.HandshakeSource source, ReconnectingSocket.Listener listener) {
        return open(name, source, listener, ClientSocket.BY_SCHEME);
    }

    ReconnectingSocket open(
            String name,
            ReconnectingSocket.HandshakeSource source,
            ReconnectingSocket.Listener listener,
            ClientSocket.Factory sockets) {
        return new ReconnectingSocket(
                name, source, listener, backoff, maxFailures, connectionLostTimeoutSeconds, sockets);
    }
}
