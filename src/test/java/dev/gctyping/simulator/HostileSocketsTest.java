package dev.gctyping.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.support.LogCapture;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.java_websocket.enums.Opcode;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Frames a client must not send: refused with the RFC's close code, logged as one WARN line. */
class HostileSocketsTest {
    private Simulator simulator;
    private Socket raw;

    @BeforeEach
    void start() throws IOException {
        simulator = Simulator.start(SimulatorConfig.defaults());
    }

    @AfterEach
    void stop() throws IOException {
        if (raw != null) {
            raw.close();
        }
        simulator.close();
    }

    /** A guest socket opened by hand, so the test can write frames no WebSocket client would. */
    private DataInputStream handshake() throws IOException {
        URI ws = simulator.wsUri();
        raw = new Socket(ws.getHost(), ws.getPort());
        raw.setSoTimeout(30_000); // a safety bound only: the server answers at once
        raw.getOutputStream()
                .write(("GET /v1?deploymentId=dep-1 HTTP/1.1\r\nHost: sim\r\nUpgrade: websocket\r\n"
                                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        DataInputStream in = new DataInputStream(raw.getInputStream());
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n\r\n")) {
            response.append((char) in.readUnsignedByte());
        }
        assertThat(response.toString()).startsWith("HTTP/1.1 101");
        return in;
    }

    /** The next server frame (servers never mask): {opcode, payload}. */
    private static Object[] frame(DataInputStream in) throws IOException {
        int opcode = in.readUnsignedByte() & 0x0F;
        int length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Object[] {opcode, payload};
    }

    private static int closeCode(Object[] frame) {
        assertThat(frame[0]).as("a close frame").isEqualTo(0x8);
        byte[] payload = (byte[]) frame[1];
        return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    @Test
    void anUnmaskedClientFrameIsAProtocolErrorLoggedAsOneWarnLine() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            DataInputStream in = handshake();
            byte[] text = "{\"action\":\"echo\"}".getBytes(StandardCharsets.US_ASCII);
            OutputStream out = raw.getOutputStream();
            out.write(new byte[] {(byte) 0x81, (byte) text.length});
            out.write(text);

            assertThat(closeCode(frame(in))).isEqualTo(CloseFrame.PROTOCOL_ERROR);
            assertThat(logs.messages())
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("closing a guest socket from")
                            .contains("unmasked")
                            .contains("1002"));
            assertThat(logs.messages()).noneSatisfy(line -> assertThat(line).contains("Closing due to invalid data"));
        }
    }

    @Test
    void aFrameAnnouncingMoreThanTheLimitIsRefusedFromItsHeaderWith4011Then1009() throws Exception {
        DataInputStream in = handshake();
        OutputStream out = raw.getOutputStream();
        // masked, 64-bit length of 50 MB, a mask, and no payload: the header alone must be enough to refuse it
        out.write(new byte[] {
            (byte) 0x81, (byte) 0xFF, 0, 0, 0, 0, 0x02, (byte) 0xFA, (byte) 0xF0, (byte) 0x80, 1, 2, 3, 4
        });

        Object[] first = frame(in);
        assertThat(first[0]).isEqualTo(0x1);
        assertThat(SimHttp.json(new String((byte[]) first[1], StandardCharsets.UTF_8))
                        .get("code")
                        .asInt())
                .isEqualTo(4011);
        assertThat(closeCode(frame(in))).isEqualTo(CloseFrame.TOOBIG);
    }

    @Test
    void unfinishedFragmentsAboveTheLimitAreRefusedToo() throws Exception {
        TestSocket guest = TestSocket.open(URI.create(simulator.wsUri() + "/v1?deploymentId=dep-1"), Map.of());
        ByteBuffer piece = ByteBuffer.wrap("x".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 5; i++) {
            guest.sendFragmentedFrame(Opcode.TEXT, piece.duplicate(), false);
        }

        assertThat(guest.next().get("code").asInt()).isEqualTo(4011);
        assertThat(guest.awaitCloseCode()).isEqualTo(CloseFrame.TOOBIG);
    }

    @Test
    void aMessageJustUnderTheLimitIsRead() throws Exception {
        TestSocket guest = TestSocket.open(URI.create(simulator.wsUri() + "/v1?deploymentId=dep-1"), Map.of());
        String padding = " ".repeat(RejectingDraft.MAX_MESSAGE_BYTES - 100);
        guest.send("{\"action\":\"echo\",\"token\":\"none\"}" + padding);

        assertThat(guest.next().get("code").asInt())
                .as("answered, not closed: no session yet")
                .isEqualTo(4007);
    }

    /** The status line of the server's answer to an upgrade request that never ends, read until the server closes. */
    private String answerTo(String headers) throws IOException {
        URI ws = simulator.wsUri();
        try (Socket socket = new Socket(ws.getHost(), ws.getPort())) {
            socket.setSoTimeout(30_000); // a safety bound only: the server answers as soon as the limit is passed
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1?deploymentId=dep-1 HTTP/1.1\r\n" + headers).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return answer.lines().findFirst().orElse("");
        }
    }

    @Test
    void anOversizedUpgradeRequestIsRefusedWith431BeforeItEnds() throws Exception {
        String filler = "X-Filler: " + "f".repeat(90) + "\r\n";
        assertThat(answerTo(filler.repeat(200))).as("20 KB of headers").startsWith("HTTP/1.1 431");
        assertThat(answerTo("X-Long: " + "l".repeat(9000))).as("a 9 KB line").startsWith("HTTP/1.1 431");
        assertThat(answerTo("X-A: a\r\n".repeat(150))).as("150 header lines").startsWith("HTTP/1.1 431");

        handshake(); // the simulator still accepts a normal client
    }
}
