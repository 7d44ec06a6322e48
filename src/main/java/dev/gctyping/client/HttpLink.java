package dev.gctyping.client;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * How {@link RetryingHttp} sends one request and reads its whole answer as text: the JDK's client
 * ({@link JdkHttp}) for any target, or {@link LoopbackHttp} for the embedded simulator.
 */
interface HttpLink extends AutoCloseable {
    /**
     * @throws IOException the request did not get an answer (refused, reset, timed out)
     */
    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException;

    /** No request may follow; one in flight fails. */
    @Override
    void close();
}
