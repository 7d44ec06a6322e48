package dev.gctyping.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60) // an exchange that never ends fails here rather than hanging the build
class LoopbackHttpTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

    private final LoopbackHttp http = new LoopbackHttp(Duration.ofSeconds(5));
    private RawServer server;

    @AfterEach
    void close() throws IOException {
        http.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sendsTheRequestAsBuiltAndReadsTheWholeAnswer() throws Exception {
        server = new RawServer((in, out) -> {
            in.request();
            write(out, "HTTP/1.1 201 Created\r\nx-trace: abc\r\nContent-Length: 11\r\n\r\n{\"id\":\"é\"}");
        });

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri("/api/v2/x?y=1%202"))
                .header("Authorization", "Bearer t")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":\"ü\"}"))
                .build());

        assertThat(server.requests).singleElement().satisfies(request -> {
            assertThat(request).startsWith("POST /api/v2/x?y=1%202 HTTP/1.1\r\n");
            assertThat(request).contains("\r\nHost: 127.0.0.1:" + server.port() + "\r\n");
            assertThat(request).containsIgnoringCase("\r\nauthorization: Bearer t\r\n");
            assertThat(request).contains("\r\nContent-Length: 10\r\n");
            assertThat(request).endsWith("\r\n\r\n{\"a\":\"ü\"}");
        });
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Trace")).contains("abc");
        assertThat(response.body()).isEqualTo("{\"id\":\"é\"}");
        assertThat(response.uri()).isEqualTo(server.uri("/api/v2/x?y=1%202"));
    }

    @Test
    void aBodyOfUnannouncedLengthGoesWithItsRealLength() throws Exception {
        server = new RawServer((in, out) -> {
            in.request();
            write(out, OK);
        });
        HttpRequest.BodyPublisher unannounced =
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString("{\"a\":1}"));

        http.send(HttpRequest.newBuilder(server.uri("/x")).POST(unannounced).build());

        assertThat(unannounced.contentLength()).isNegative();
        assertThat(server.requests)
                .singleElement()
                .satisfies(request -> assertThat(request)
                        .contains("\r\nContent-Length: 7\r\n")
                        .endsWith("\r\n\r\n{\"a\":1}"));
    }

    @Test
    void keepsTheConnectionForTheNextRequest() throws Exception {
        server = new RawServer((in, out) -> {
            while (in.request() != null) {
                write(out, OK);
            }
        });

        for (int i = 0; i < 3; i++) {
            assertThat(http.send(get("/x")).statusCode()).isEqualTo(200);
        }

        assertThat(server.requests).hasSize(3);
        assertThat(server.connections).hasValue(1);
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReplacedAndTheRequestGoesOnce() throws Exception {
        // each connection answers one request, then closes as a server does with one it timed out
        server = new RawServer((in, out) -> {
            in.request();
            write(out, OK);
        });
        http.send(get("/first"));
        server.awaitClosed(1);

        HttpResponse<String> second = http.send(get("/second"));

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(server.requests).hasSize(2);
        assertThat(server.requests.get(1)).startsWith("GET /second ");
        assertThat(server.connections).hasValue(2);
    }

    @Test
    void aConnectionThatEndsInTheMiddleOfAnAnswerFailsAndTheRequestIsNotSentAgain() throws Exception {
        // on a kept-alive connection, where an answer that does not begin is sent again
        server = new RawServer((in, out) -> {
            in.request();
            write(out, OK);
            in.request();
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"a\"");
        });
        http.send(get("/first"));

        assertThatThrownBy(() -> http.send(post("/typing")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("after 4 of 10 bytes");
        assertThat(server.requests).hasSize(2);
        assertThat(server.connections).hasValue(1);
    }

    @Test
    void anAnswerThatAsksToCloseIsNotKept() throws Exception {
        server = new RawServer((in, out) -> {
            while (in.request() != null) {
                write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
            }
        });

        http.send(get("/a"));
        http.send(get("/b"));

        assertThat(server.connections).hasValue(2);
    }

    @Test
    void anAnswerWithoutALengthEndsWithItsConnection() throws Exception {
        server = new RawServer((in, out) -> {
            in.request();
            write(out, "HTTP/1.1 200 OK\r\n\r\nall of it");
        });

        assertThat(http.send(get("/x")).body()).isEqualTo("all of it");
    }

    @Test
    void anAnswerSlowerThanTheRequestsTimeoutIsATimeout() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        server = new RawServer((in, out) -> {
            in.request();
            await(answered);
        });

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(server.uri("/slow"))
                        .timeout(Duration.ofMillis(100))
                        .build()))
                .isInstanceOf(HttpTimeoutException.class);
        answered.countDown();
    }

    @Test
    void closingEndsAnExchangeInFlight() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        server = new RawServer((in, out) -> {
            in.request();
            received.countDown();
            await(released);
        });
        Thread closer = new Thread(() -> {
            await(received);
            http.close();
        });
        closer.start();

        try {
            // the request's own timeout is 30 s: only the close ends it within the test's minute
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(server.uri("/x"))
                            .timeout(Duration.ofSeconds(30))
                            .build()))
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(HttpTimeoutException.class);
        } finally {
            released.countDown();
            closer.join();
        }
    }

    @Test
    void speaksPlainHttpOnly() {
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:1/x"))
                        .build()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("plain HTTP only");
    }

    @Test
    void aRefusedConnectionIsTheJdksConnectException() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/x"))
                        .build()))
                .isInstanceOf(ConnectException.class);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(server.uri(path)).GET().build();
    }

    private HttpRequest post(String path) {
        return HttpRequest.newBuilder(server.uri(path))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
    }

    private static void write(OutputStream out, String answer) throws IOException {
        out.write(answer.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How a connection is served; it is closed when this returns. */
    private interface Behaviour {
        void serve(Requests in, OutputStream out) throws IOException;
    }

    /** Reads whole requests (head and Content-Length body) off a connection, recording each. */
    private static final class Requests {
        private final InputStream in;
        private final List<String> into;

        Requests(InputStream in, List<String> into) {
            this.in = in;
            this.into = into;
        }

        /** The next request as text; null when the client closed the connection. */
        String request() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            String request = text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
            into.add(request);
            return request;
        }
    }

    /** A loopback server whose every connection follows one {@link Behaviour}. */
    private static final class RawServer implements AutoCloseable {
        final List<String> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger closed = new AtomicInteger();
        private final ServerSocket listener;

        RawServer(Behaviour behaviour) throws IOException {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket socket = listener.accept();
                        connections.incrementAndGet();
                        Thread serving = new Thread(() -> {
                            try (socket) {
                                behaviour.serve(
                                        new Requests(socket.getInputStream(), requests), socket.getOutputStream());
                            } catch (IOException e) {
                                // the client went away: the test sees what it saw
                            } finally {
                                synchronized (closed) {
                                    closed.incrementAndGet();
                                    closed.notifyAll();
                                }
                            }
                        });
                        serving.setDaemon(true);
                        serving.start();
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        URI uri(String pathAndQuery) {
            return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
        }

        /** Waits until this many connections have been closed by the server. */
        void awaitClosed(int count) throws InterruptedException {
            synchronized (closed) {
                while (closed.get() < count) {
                    closed.wait();
                }
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
