package dev.gctyping.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshake;

/**
 * RFC 6455 that can refuse an upgrade with a real HTTP status. Java-WebSocket's own refusal
 * (throwing from the handshake callback) always answers 404; a client must see 401 for a missing or
 * bad bearer token, so it knows to get a new one. The server marks the handshake response with the
 * status ({@link SocketServer}) and closes the connection right after it is written.
 */
final class RejectingDraft extends Draft_6455 {
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

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            default -> "Not Found";
        };
    }

    @Override
    public Draft copyInstance() {
        return new RejectingDraft();
    }
}
