package dev.gctyping.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.HandshakeState;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidFrameException;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.HandshakeBuilder;
import org.java_websocket.handshake.HandshakeImpl1Client;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.Protocol;

/**
 * RFC 6455 as the simulator's server speaks it, stricter than Java-WebSocket's default:
 * <ul>
 * <li>It can refuse an upgrade with a real HTTP status. Java-WebSocket's own refusal (throwing from the
 * handshake callback) always answers 404; a client must see 401 for a missing or bad bearer token, so it
 * knows to get a new one. The server marks the handshake response with the status ({@link SocketServer})
 * and closes the connection right after it is written.</li>
 * <li>A message, whether one frame or the fragments of one, may be at most {@link #MAX_MESSAGE_BYTES}:
 * a frame announcing more is refused from its header, before its payload is buffered (close 1009).</li>
 * <li>The upgrade request is bounded as an HTTP server bounds one ({@link #MAX_HANDSHAKE_BYTES} in all,
 * {@link #MAX_HANDSHAKE_LINE_BYTES} a line, {@link #MAX_HANDSHAKE_LINES} lines): a larger one is refused
 * with 431 as soon as it is known to be too large, not buffered until it ends
 * (Java-WebSocket's own buffer grows without limit).</li>
 * <li>Every frame from a client must be masked (RFC 6455 §5.1: the server closes with 1002 otherwise);
 * Java-WebSocket does not check it.</li>
 * </ul>
 * One instance per connection ({@link #copyInstance()}): it tracks where the next frame header starts.
 */
final class RejectingDraft extends Draft_6455 {
    /**
     * A guest's text is at most {@link HttpApi#MAX_TEXT_LENGTH} characters (4011 above that); even
     * escaped as {@code \\uXXXX} in its JSON request that stays far below this.
     */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    /** The upgrade request's bytes up to and including its blank line, as Node's HTTP server allows. */
    static final int MAX_HANDSHAKE_BYTES = 16 * 1024;

    static final int MAX_HANDSHAKE_LINE_BYTES = 8 * 1024;
    /** The request line and the header lines. */
    static final int MAX_HANDSHAKE_LINES = 101;
    /**
     * Marks the stand-in handshake of a request too large to read: the server refuses it with 431
     * ({@link SocketServer}); a client cannot send it, since a header name has no space.
     */
    static final String TOO_LARGE = "gctyping too large";

    /** RFC 9110's IMF-fixdate, as Java-WebSocket writes its {@code Date} header. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    /** The last second {@link #httpDate()} formatted, shared by every connection's draft. */
    private static volatile DateOfSecond lastDate;

    /** Header bytes of the frame being read (up to 14: 2, an extended length of 2 or 8, a mask of 4). */
    private final byte[] header = new byte[14];

    private int headerRead;
    /** Payload bytes of the current frame not seen yet. */
    private long payloadLeft;
    /**
     * Bytes of the data message being received, fragments so far included. Java-WebSocket checks its
     * limit on a message's first fragment and on the whole only once the last one arrives, so
     * unfinished fragments could pile up without bound.
     */
    private long messageBytes;

    RejectingDraft() {
        super(List.of(), List.of(new Protocol("")), MAX_MESSAGE_BYTES);
    }

    @Override
    public List<ByteBuffer> createHandshake(Handshakedata handshake, boolean withContent) {
        if (handshake instanceof ServerHandshake response && response.getHttpStatus() >= 400) {
            String reason = reason(response.getHttpStatus());
            String body = response.getHttpStatus() + " " + reason + "\n";
            String http = "HTTP/1.1 " + response.getHttpStatus() + " " + reason + "\r\n"
                    + "Content-Type: text/plain\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                    + body;
            return List.of(ByteBuffer.wrap(http.getBytes(StandardCharsets.US_ASCII)));
        }
        return super.createHandshake(handshake, withContent);
    }

    /**
     * The client's upgrade request; a request already too large is not read further but stands in
     * as a handshake marked {@link #TOO_LARGE}, which the server then refuses.
     */
    @Override
    public Handshakedata translateHandshake(ByteBuffer buffer) throws InvalidHandshakeException {
        if (tooLarge(buffer.duplicate())) {
            HandshakeImpl1Client standIn = new HandshakeImpl1Client();
            standIn.setResourceDescriptor("/");
            standIn.put(TOO_LARGE, "true");
            standIn.put("Sec-WebSocket-Key", "dG9vIGxhcmdl"); // the refusal is built as any response is
            return standIn;
        }
        return super.translateHandshake(buffer);
    }

    /**
     * The library's upgrade response (no extension or subprotocol is ever agreed here) without its
     * {@code SimpleDateFormat}, built afresh for every handshake's {@code Date}: a tenth of the
     * listener's CPU per handshake, with 400 of them in a 200-conversation replay.
     */
    @Override
    public HandshakeBuilder postProcessHandshakeResponseAsServer(
            ClientHandshake request, ServerHandshakeBuilder response) throws InvalidHandshakeException {
        String key = request.getFieldValue("Sec-WebSocket-Key");
        if (key == null || key.isEmpty()) {
            throw new InvalidHandshakeException("missing Sec-WebSocket-Key");
        }
        response.put("Upgrade", "websocket");
        response.put("Connection", request.getFieldValue("Connection"));
        response.put("Sec-WebSocket-Accept", accept(key));
        response.setHttpStatusMessage("Web Socket Protocol Handshake");
        response.put("Server", "TooTallNate Java-WebSocket");
        response.put("Date", httpDate());
        return response;
    }

    /** Now as an HTTP date, formatted once a second: 200 guests join within one or two. */
    private static String httpDate() {
        long second = Instant.now().getEpochSecond();
        DateOfSecond cached = lastDate;
        if (cached == null || cached.second != second) {
            cached = new DateOfSecond(
                    second, HTTP_DATE.format(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC)));
            lastDate = cached;
        }
        return cached.text;
    }

    private record DateOfSecond(long second, String text) {}

    /** RFC 6455 §4.2.2: the key and the protocol's GUID, hashed (SHA-1) and in base64. */
    static String accept(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1")
                    .digest((key.trim() + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    @Override
    public HandshakeState acceptHandshakeAsServer(ClientHandshake handshake) throws InvalidHandshakeException {
        return handshake.hasFieldValue(TOO_LARGE) ? HandshakeState.MATCHED : super.acceptHandshakeAsServer(handshake);
    }

    /** Whether the request read so far (perhaps not all of it yet) is past a limit before its blank line. */
    static boolean tooLarge(ByteBuffer request) {
        int lines = 0;
        int lineBytes = 0;
        int read = 0;
        while (request.hasRemaining()) {
            byte b = request.get();
            if (++read > MAX_HANDSHAKE_BYTES) {
                return true;
            }
            if (b != '\n') {
                lineBytes++;
                if (lineBytes > MAX_HANDSHAKE_LINE_BYTES) {
                    return true;
                }
                continue;
            }
            if (lineBytes <= 1) { // "\r\n" alone: the blank line ends the request
                return false;
            }
            if (++lines > MAX_HANDSHAKE_LINES) {
                return true;
            }
            lineBytes = 0;
        }
        return false;
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 431 -> "Request Header Fields Too Large";
            default -> "Not Found";
        };
    }

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        checkHeaders(buffer.duplicate());
        return super.translateFrame(buffer);
    }

    /**
     * Walks the frame headers in these bytes (the stream's earlier bytes came in earlier calls): each
     * must be masked, and the message they add up to within the limit.
     */
    private void checkHeaders(ByteBuffer bytes) throws InvalidDataException {
        while (bytes.hasRemaining()) {
            if (payloadLeft > 0) {
                int skipped = (int) Math.min(payloadLeft, bytes.remaining());
                bytes.position(bytes.position() + skipped);
                payloadLeft -= skipped;
                continue;
            }
            header[headerRead++] = bytes.get();
            if (headerRead == 2 && (header[1] & 0x80) == 0) {
                throw new InvalidFrameException("unmasked client frame (RFC 6455 section 5.1)");
            }
            if (headerRead >= 2 && headerRead == headerLength()) {
                payloadLeft = payloadLength();
                headerRead = 0;
                countMessage();
            }
        }
    }

    private void countMessage() throws LimitExceededException {
        int opcode = header[0] & 0x0F;
        if (opcode >= 8) {
            return; // control frames may come between fragments and belong to no message
        }
        messageBytes = opcode == 0 ? messageBytes + payloadLeft : payloadLeft;
        if (messageBytes > MAX_MESSAGE_BYTES) {
            throw new LimitExceededException("Message larger than " + MAX_MESSAGE_BYTES + " bytes", MAX_MESSAGE_BYTES);
        }
        if ((header[0] & 0x80) != 0) {
            messageBytes = 0; // FIN: the message is complete
        }
    }

    private int headerLength() {
        int length = header[1] & 0x7F;
        return 2 + (length == 126 ? 2 : length == 127 ? 8 : 0) + 4;
    }

    /** The announced payload length; a 64-bit one too big to be real is refused by the size limit anyway. */
    private long payloadLength() {
        int length = header[1] & 0x7F;
        if (length < 126) {
            return length;
        }
        long value = 0;
        for (int i = 2; i < (length == 126 ? 4 : 10); i++) {
            value = (value << 8) | (header[i] & 0xFF);
        }
        return value < 0 ? Long.MAX_VALUE : value;
    }

    @Override
    public void reset() {
        super.reset();
        headerRead = 0;
        payloadLeft = 0;
        messageBytes = 0;
    }

    @Override
    public Draft copyInstance() {
        return new RejectingDraft();
    }
}
