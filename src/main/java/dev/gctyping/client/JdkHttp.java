package dev.gctyping.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JDK's HTTP client, TLS and all: how every target but the embedded simulator is reached. */
final class JdkHttp implements HttpLink {
    private static final Logger log = LoggerFactory.getLogger(JdkHttp.class);
    /** How long {@link #close()} waits for the client's selector thread to end (it takes milliseconds). */
    private static final Duration SELECTOR_EXIT_WAIT = Duration.ofMillis(200);

    private final HttpClient client;

    JdkHttp(HttpClient client) {
        this.client = client;
    }

    @Override
    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Ends the client's selector thread: no request may follow. JDK 17's client has no {@code close()},
     * and its selector thread waits in native code until the client is collected; at exit, the JVM
     * gives threads in native code 300 ms to come back, a quarter of a short wire job. Interrupted,
     * the thread leaves its loop and closes the client's connections, as it does when the client is
     * collected. It is known by the name the JDK gives it, from the client's id in its
     * {@code toString()}; under another naming, it is left as it was. A JDK whose client can be
     * closed (21 on) is asked to.
     */
    @Override
    public void close() {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("closing the HTTP client: {}", e.toString());
            }
            return;
        }
        String named = client.toString(); // "jdk.internal.net.http.HttpClientImpl@1b2c3d(1)"
        int open = named.lastIndexOf('(');
        if (open < 0 || !named.endsWith(")")) {
            return;
        }
        String selector = "HttpClient-" + named.substring(open + 1, named.length() - 1) + "-SelectorManager";
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 8];
        for (int i = 0, n = root.enumerate(threads, true); i < n; i++) {
            if (threads[i].getName().equals(selector)) {
                threads[i].interrupt();
                try {
                    threads[i].join(SELECTOR_EXIT_WAIT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
