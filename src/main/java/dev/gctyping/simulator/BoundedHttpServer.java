package dev.gctyping.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import dev.gctyping.support.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's HTTP/1.1 listener. The JDK's HttpServer reads a request's line, headers and body
 * on its worker threads with no deadline, so a few clients that send slowly hold every worker. Here
 * each connection has a thread of its own (up to {@link Limits#maxConnections}; more are answered 503
 * and closed), and a request must arrive in full within {@link Limits#requestTimeoutMs} and within the
 * size limits before the handler sees it: a slow or huge request costs its own connection only, and
 * is answered with Genesys' {@code ErrorBody} (408, 413, 431, 400). Handlers get the request as an
 * {@link HttpExchange} with the body in memory; the response is written when the handler returns.
 */
final class BoundedHttpServer implements AutoCloseable {
    /**
     * @param maxConnections   connections served at once (one thread each)
     * @param requestTimeoutMs a request's line, headers and body must all arrive within this, from its first byte
     *                         (from the connection's opening for the first request)
     * @param idleTimeoutMs    a kept-alive connection with no new request is closed after this
     * @param maxHeaderBytes   request line and headers together
     * @param maxBodyBytes     the body, as the platform's {@code request.bytes.max}
     */
    record Limits(
            int maxConnections, long requestTimeoutMs, long idleTimeoutMs, int maxHeaderBytes, int maxBodyBytes) {}

    private static final Logger LOG = LoggerFactory.getLogger(BoundedHttpServer.class);
    private static final int MAX_HEADERS = 100;

    private final Limits limits;
    private final HttpHandler handler;
    private final ServerSocket listener;
    private final ThreadPoolExecutor workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    BoundedHttpServer(String host, int port, Limits limits, HttpHandler handler) throws IOException {
        this.limits = limits;
        this.handler = handler;
        try {
            this.listener = new ServerSocket(port, 128, InetAddress.getByName(host));
        } catch (BindException e) {
            throw new BindException("cannot listen for HTTP on " + host + ":" + port + ": " + e.getMessage());
        }
        AtomicInteger threads = new AtomicInteger();
        // no queue: a connection gets a thread now or is refused, never waits behind slow ones
        this.workers = new ThreadPoolExecutor(
                0,
                limits.maxConnections(),
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                runnable -> daemon(runnable, "sim-http-" + threads.incrementAndGet()));
        this.acceptor = daemon(this::acceptLoop, "sim-http-accept");
        acceptor.start();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing the HTTP listener: {}", e.toString());
        }
        open.forEach(BoundedHttpServer::closeQuietly);
        workers.shutdownNow();
        try {
            acceptor.join(5000);
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.debug("accept failed: {}", e.toString());
                }
                continue;
            }
            open.add(socket);
            try {
                workers.execute(() -> serve(socket));
            } catch (RejectedExecutionException full) {
                LOG.warn(
                        "refusing an HTTP connection from {}: {} connections are open already",
                        socket.getRemoteSocketAddress(),
                        limits.maxConnections());
                try {
                    // a few hundred bytes fit in the socket's send buffer: this never waits for the client
                    writeError(
                            socket.getOutputStream(),
                            503,
                            "service.unavailable",
                            "Too many open connections (" + limits.maxConnections() + "); retry later");
                } catch (IOException gone) {
                    // the client is gone already
                }
                closeQuietly(socket);
                open.remove(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            RequestReader in = new RequestReader(socket, limits);
            OutputStream out = socket.getOutputStream();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.requestTimeoutMs());
            while (true) {
                Exchange exchange;
                try {
                    exchange = in.read(deadline, out);
                } catch (Refused refused) {
                    LOG.warn(
                            "HTTP request from {} refused: {} {}",
                            socket.getRemoteSocketAddress(),
                            refused.status,
                            refused.getMessage());
                    writeError(out, refused.status, refused.code, refused.getMessage());
                    return;
                }
                if (exchange == null) {
                    return; // closed by the client, or idle for too long
                }
                handler.handle(exchange);
                exchange.respond(out);
                if (!exchange.keepAlive()) {
                    return;
                }
                if (!in.awaitNextRequest()) {
                    return;
                }
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.requestTimeoutMs());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("HTTP connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
        } finally {
            closeQuietly(socket);
            open.remove(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** An error answered by the server itself, always on a connection it then closes. */
    private static void writeError(OutputStream out, int status, String code, String message) throws IOException {
        byte[] body = Json.write(PlatformErrors.body(status, code, message, Ids.uuid()))
                .getBytes(StandardCharsets.UTF_8);
        Headers headers = new Headers();
        headers.set("Content-Type", "application/json");
        writeResponse(out, status, headers, body, false);
    }

    private static void writeResponse(OutputStream out, int status, Headers headers, byte[] body, boolean keepAlive)
            throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason(status))
                .append("\r\n");
        headers.forEach((name, values) -> values.forEach(
                value -> head.append(name).append(": ").append(value).append("\r\n")));
        head.append("Content-Length: ").append(body.length).append("\r\n");
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        // one write, one segment: Nagle is off, and a client would otherwise wake twice per answer
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] whole = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, whole, headBytes.length, body.length);
        out.write(whole);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }

    /** A request the server answers itself; the connection closes after the answer. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        Refused(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /** Reads requests off one connection: every read is bounded by the request's deadline and the size limits. */
    private static final class RequestReader {
        private final Socket socket;
        private final InputStream raw;
        private final Limits limits;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int end;
        private long deadline;

        RequestReader(Socket socket, Limits limits) throws IOException {
            this.socket = socket;
            this.raw = socket.getInputStream();
            this.limits = limits;
        }

        /** Waits up to the idle timeout for the next request's first byte; false when there is none. */
        boolean awaitNextRequest() throws IOException {
            if (position < end) {
                return true;
            }
            socket.setSoTimeout((int) Math.max(1, limits.idleTimeoutMs()));
            try {
                end = raw.read(buffer);
                position = 0;
                return end > 0;
            } catch (SocketTimeoutException idle) {
                return false;
            }
        }

        /** The next request, complete; null when the connection closed before one began. */
        Exchange read(long requestDeadline, OutputStream out) throws IOException, Refused {
            this.deadline = requestDeadline;
            int[] headerBudget = {limits.maxHeaderBytes()};
            String requestLine;
            do {
                requestLine = line(headerBudget, true);
                if (requestLine == null) {
                    return null;
                }
            } while (requestLine.isEmpty()); // RFC 9112 §2.2: ignore empty lines before the request line
            String[] parts = requestLine.split(" ", -1);
            if (parts.length != 3 || parts[0].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
                throw new Refused(400, "bad.request", "Malformed request line");
            }
            URI uri;
            try {
                uri = new URI(parts[1]);
            } catch (URISyntaxException e) {
                throw new Refused(400, "bad.request", "Malformed request target: " + e.getReason());
            }
            Headers headers = headers(headerBudget);
            boolean keepAlive =
                    parts[2].equals("HTTP/1.1") && !"close".equalsIgnoreCase(headers.getFirst("Connection"));
            byte[] body = body(headers, out);
            return new Exchange(
                    parts[0],
                    uri,
                    parts[2],
                    headers,
                    body,
                    keepAlive,
                    (InetSocketAddress) socket.getRemoteSocketAddress(),
                    (InetSocketAddress) socket.getLocalSocketAddress());
        }

        private Headers headers(int[] budget) throws IOException, Refused {
            Headers headers = new Headers();
            for (int count = 0; ; count++) {
                String line = line(budget, false);
                if (line.isEmpty()) {
                    return headers;
                }
                if (count == MAX_HEADERS) {
                    throw new Refused(
                            431, "request.header.fields.too.large", "More than " + MAX_HEADERS + " header fields");
                }
                int colon = line.indexOf(':');
                if (colon <= 0 || line.substring(0, colon).chars().anyMatch(c -> c <= ' ' || c >= 127)) {
                    throw new Refused(400, "bad.request", "Malformed header field");
                }
                headers.add(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }

        private byte[] body(Headers headers, OutputStream out) throws IOException, Refused {
            String transferEncoding = headers.getFirst("Transfer-Encoding");
            List<String> lengths = headers.get("Content-Length");
            if (transferEncoding != null) {
                if (lengths != null
                        || !transferEncoding.toLowerCase(Locale.ROOT).equals("chunked")) {
                    throw new Refused(
                            400, "bad.request", "Only a chunked Transfer-Encoding without Content-Length is supported");
                }
                continueIfExpected(headers, out);
                return chunked();
            }
            if (lengths == null) {
                return new byte[0];
            }
            long length = lengths.stream().distinct().count() == 1 ? contentLength(lengths.get(0)) : -1;
            if (length < 0) {
                throw new Refused(400, "bad.request", "Malformed Content-Length");
            }
            if (length > limits.maxBodyBytes()) {
                throw tooLarge();
            }
            continueIfExpected(headers, out);
            byte[] body = new byte[(int) length];
            int read = 0;
            while (read < length) {
                int n = read(body, read, (int) length - read);
                if (n < 0) {
                    throw new IOException("the client closed the connection inside a request body");
                }
                read += n;
            }
            return body;
        }

        private Refused tooLarge() {
            return new Refused(
                    413, "request.too.large", "The request is larger than " + limits.maxBodyBytes() + " bytes");
        }

        private static long contentLength(String value) {
            return value.matches("\\d{1,18}") ? Long.parseLong(value) : -1;
        }

        /** {@code Expect: 100-continue} (curl sends it for bodies above 1 KiB) is answered once the size is known to fit. */
        private static void continueIfExpected(Headers headers, OutputStream out) throws IOException {
            if ("100-continue".equalsIgnoreCase(headers.getFirst("Expect"))) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        }

        private byte[] chunked() throws IOException, Refused {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int[] lineBudget = {limits.maxHeaderBytes()};
            while (true) {
                String sizeLine = line(lineBudget, false);
                int extension = sizeLine.indexOf(';');
                String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim();
                if (!hex.matches("[0-9A-Fa-f]{1,8}")) {
                    throw new Refused(400, "bad.request", "Malformed chunk size");
                }
                long size = Long.parseLong(hex, 16);
                if (body.size() + size > limits.maxBodyBytes()) {
                    throw tooLarge();
                }
                if (size == 0) {
                    while (!line(lineBudget, false).isEmpty()) {
                        // trailer fields are read and ignored
                    }
                    return body.toByteArray();
                }
                byte[] chunk = new byte[(int) size];
                for (int read = 0; read < size; ) {
                    int n = read(chunk, read, (int) size - read);
                    if (n < 0) {
                        throw new IOException("the client closed the connection inside a chunk");
                    }
                    read += n;
                }
                body.write(chunk);
                if (!line(lineBudget, false).isEmpty()) {
                    throw new Refused(400, "bad.request", "Malformed chunk");
                }
            }
        }

        /**
         * One line without its CRLF (a bare LF is accepted), charged to {@code budget}; null at the end
         * of the stream only when {@code endAllowed} and nothing was read.
         */
        private String line(int[] budget, boolean endAllowed) throws IOException, Refused {
            StringBuilder line = new StringBuilder();
            while (true) {
                if (position == end && !fill()) {
                    if (endAllowed && line.length() == 0) {
                        return null;
                    }
                    throw new IOException("the client closed the connection inside a request");
                }
                byte b = buffer[position++];
                if (--budget[0] < 0) {
                    throw new Refused(
                            431,
                            "request.header.fields.too.large",
                            "The request line and headers are larger than " + limits.maxHeaderBytes() + " bytes");
                }
                if (b == '\n') {
                    int length = line.length();
                    return length > 0 && line.charAt(length - 1) == '\r'
                            ? line.substring(0, length - 1)
                            : line.toString();
                }
                line.append((char) (b & 0xFF));
            }
        }

        private int read(byte[] target, int offset, int length) throws IOException, Refused {
            if (position == end && !fill()) {
                return -1;
            }
            int n = Math.min(length, end - position);
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
            return n;
        }

        /** Reads what is there, waiting no longer than the request's deadline; false at the end of the stream. */
        private boolean fill() throws IOException, Refused {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMs <= 0) {
                throw timedOut();
            }
            socket.setSoTimeout((int) Math.min(leftMs, Integer.MAX_VALUE));
            try {
                end = raw.read(buffer);
            } catch (SocketTimeoutException e) {
                throw timedOut();
            }
            position = 0;
            if (end < 0) {
                end = 0;
                return false;
            }
            return true;
        }

        private Refused timedOut() {
            return new Refused(
                    408,
                    "request.timeout",
                    "The request did not arrive in full within " + limits.requestTimeoutMs() + " ms");
        }
    }

    /** One complete request and the response the handler builds; written by the server after the handler returns. */
    private static final class Exchange extends HttpExchange {
        private final String method;
        private final URI uri;
        private final String protocol;
        private final Headers requestHeaders;
        private final Headers responseHeaders = new Headers();
        private final InputStream body;
        private final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
        private final boolean keepAlive;
        private final InetSocketAddress remote;
        private final InetSocketAddress local;
        private final Map<String, Object> attributes = new ConcurrentHashMap<>();
        private int status = -1;

        Exchange(
                String method,
                URI uri,
                String protocol,
                Headers requestHeaders,
                byte[] body,
                boolean keepAlive,
                InetSocketAddress remote,
                InetSocketAddress local) {
            this.method = method;
            this.uri = uri;
            this.protocol = protocol;
            this.requestHeaders = requestHeaders;
            this.body = new ByteArrayInputStream(body);
            this.keepAlive = keepAlive;
            this.remote = remote;
            this.local = local;
        }

        boolean keepAlive() {
            return keepAlive && status != -1;
        }

        /** Writes the response; a handler that sent none gets the connection closed. */
        void respond(OutputStream out) throws IOException {
            if (status == -1) {
                LOG.debug("{} {}: the handler sent no response; closing", method, uri.getPath());
                return;
            }
            byte[] bytes = method.equals("HEAD") ? new byte[0] : responseBody.toByteArray();
            writeResponse(out, status, responseHeaders, bytes, keepAlive);
        }

        @Override
        public Headers getRequestHeaders() {
            return requestHeaders;
        }

        @Override
        public Headers getResponseHeaders() {
            return responseHeaders;
        }

        @Override
        public URI getRequestURI() {
            return uri;
        }

        @Override
        public String getRequestMethod() {
            return method;
        }

        @Override
        public HttpContext getHttpContext() {
            throw new UnsupportedOperationException("the simulator's server has no contexts");
        }

        @Override
        public void close() {
            // the server writes the response once the handler returns
        }

        @Override
        public InputStream getRequestBody() {
            return body;
        }

        @Override
        public OutputStream getResponseBody() {
            return responseBody;
        }

        @Override
        public void sendResponseHeaders(int code, long length) {
            if (status != -1) {
                throw new IllegalStateException("response headers were sent already");
            }
            status = code;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return remote;
        }

        @Override
        public int getResponseCode() {
            return status;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return local;
        }

        @Override
        public String getProtocol() {
            return protocol;
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            if (value == null) {
                attributes.remove(name);
            } else {
                attributes.put(name, value);
            }
        }

        @Override
        public void setStreams(InputStream in, OutputStream out) {
            throw new UnsupportedOperationException("filters are not supported");
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}
