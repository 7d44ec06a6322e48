package dev.gctyping.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLSession;

/**
 * HTTP/1.1 to the embedded simulator, on the caller's thread: write the request, read the answer,
 * keep the connection for the next one. The JDK's client hands every exchange over between the
 * caller, its selector thread and its executor, and on a JVM a second old each exchange cost about
 * a millisecond of CPU; here it is a write and a read on a kept-alive socket.
 *
 * <p>It speaks to one server only, the simulator this process started, whose answers always carry a
 * {@code Content-Length} (or {@code Connection: close}), and which closes a connection only between
 * requests: an answer that does not begin on a connection taken from the pool means the server
 * closed it while it sat there, and the request goes again on a new one. A real org is reached
 * through the JDK's client, TLS and all.
 */
final class LoopbackHttp implements HttpLink {
    private final Duration connectTimeout;
    /** Kept-alive connections, the most recently used first. */
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    /** Every open connection, so that {@link #close()} ends exchanges in flight. */
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    private volatile boolean closed;

    LoopbackHttp(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        URI uri = request.uri();
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException("the embedded simulator's client speaks plain HTTP only, not " + uri.getScheme());
        }
        byte[] body = body(request);
        byte[] head = head(request, body);
        Connection connection = idle.pollFirst();
        while (true) {
            boolean pooled = connection != null;
            if (connection == null) {
                connection = connect(uri);
            }
            try {
                connection.socket.setSoTimeout(timeoutMillis(request));
                connection.write(head, body);
                Response response = connection.read(request);
                if (response == null && pooled) {
                    connection.close(); // closed by the server while idle: the request never reached it
                    connection = null;
                    continue;
                }
                if (response == null) {
                    throw new IOException("the server closed the connection without an answer");
                }
                if (response.keepAlive && !closed) {
                    idle.offerFirst(connection);
                } else {
                    connection.close();
                }
                return response;
            } catch (SocketTimeoutException e) {
                connection.close();
                throw new HttpTimeoutException("request timed out");
            } catch (IOException e) {
                connection.close();
                if (pooled && !connection.answered) {
                    connection = null; // a connection the server had closed: once more, on a new one
                    continue;
                }
                throw e;
            }
        }
    }

    private Connection connect(URI uri) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            int port = uri.getPort() == -1 ? 80 : uri.getPort();
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) connectTimeout.toMillis());
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new HttpConnectTimeoutException("connect timed out");
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        Connection connection = new Connection(socket);
        open.add(connection);
        if (closed) {
            connection.close();
            throw new IOException("the HTTP client is closed");
        }
        return connection;
    }

    private static int timeoutMillis(HttpRequest request) {
        return request.timeout()
                .map(t -> (int) Math.min(Integer.MAX_VALUE, Math.max(1, t.toMillis())))
                .orElse(0);
    }

    /** The request line and headers; {@code Content-Length} is the collected body's, whatever the publisher announced. */
    private static byte[] head(HttpRequest request, byte[] body) {
        URI uri = request.uri();
        StringBuilder head = new StringBuilder(256)
                .append(request.method())
                .append(' ')
                .append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        if (uri.getPort() != -1) {
            head.append(':').append(uri.getPort());
        }
        head.append("\r\n");
        request.headers()
                .map()
                .forEach((name, values) -> values.forEach(
                        value -> head.append(name).append(": ").append(value).append("\r\n")));
        if (request.bodyPublisher().isPresent()) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The request's body, collected from its publisher (ours publish at once, from memory). */
    private static byte[] body(HttpRequest request) throws IOException {
        Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
        if (publisher.isEmpty() || publisher.get().contentLength() == 0) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream((int) Math.max(16, publisher.get().contentLength()));
        Throwable[] failure = {null};
        boolean[] complete = {false};
        publisher.get().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable throwable) {
                failure[0] = throwable;
            }

            @Override
            public void onComplete() {
                complete[0] = true;
            }
        });
        if (failure[0] != null || !complete[0]) {
            throw new IOException("the request's body could not be read", failure[0]);
        }
        return bytes.toByteArray();
    }

    /** Ends every connection, idle or in an exchange (which then fails); no request may follow. */
    @Override
    public void close() {
        closed = true;
        open.forEach(Connection::close);
        idle.clear();
    }

    private final class Connection {
        final Socket socket;
        final OutputStream out;
        final InputStream in;
        /** Whether a byte of an answer came on this connection: the server had it, so it is not sent twice. */
        boolean answered;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        void write(byte[] head, byte[] body) throws IOException {
            if (body.length == 0) {
                out.write(head);
            } else {
                byte[] whole = new byte[head.length + body.length]; // one segment: Nagle is off
                System.arraycopy(head, 0, whole, 0, head.length);
                System.arraycopy(body, 0, whole, head.length, body.length);
                out.write(whole);
            }
            out.flush();
        }

        /** The answer; null when the connection ended before its first byte. */
        Response read(HttpRequest request) throws IOException {
            String statusLine = line();
            if (statusLine == null) {
                return null;
            }
            answered = true;
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + statusLine);
            }
            int status;
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP/1.1 status line: " + statusLine);
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line = line(); line != null && !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                            .add(line.substring(colon + 1).trim());
                }
            }
            HttpHeaders parsed = HttpHeaders.of(headers, (a, b) -> true);
            boolean close = parsed.firstValue("Connection")
                    .map(v -> v.toLowerCase(Locale.ROOT).contains("close"))
                    .orElse(false);
            byte[] body;
            if (request.method().equals("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
                body = new byte[0];
            } else if (parsed.firstValue("Transfer-Encoding").isPresent()) {
                throw new IOException("chunked answers are not expected from the simulator");
            } else {
                long length = parsed.firstValueAsLong("Content-Length").orElse(-1);
                if (length >= 0) {
                    body = in.readNBytes((int) length);
                    if (body.length < length) {
                        throw new IOException("the answer ended after " + body.length + " of " + length + " bytes");
                    }
                } else {
                    body = in.readAllBytes();
                    close = true;
                }
            }
            return new Response(request, status, parsed, new String(body, StandardCharsets.UTF_8), !close);
        }

        /** A header line without its CRLF; null at the end of the stream. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); ; b = in.read()) {
                if (b == -1) {
                    return line.length() == 0 ? null : line.toString();
                }
                if (b == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                line.append((char) b);
            }
        }

        void close() {
            open.remove(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing left to do with it
            }
        }
    }

    private record Response(HttpRequest request, int statusCode, HttpHeaders headers, String body, boolean keepAlive)
            implements HttpResponse<String> {
        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
