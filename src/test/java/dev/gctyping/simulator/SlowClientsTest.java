package dev.gctyping.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slow, huge and malformed HTTP requests cost their own connection only, and get an ErrorBody. */
class SlowClientsTest {
    private final List<Socket> sockets = new ArrayList<>();
    private Simulator simulator;

    private URI start(SimulatorConfig config) throws IOException {
        simulator = Simulator.start(config);
        return simulator.httpUri();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private Socket raw(URI base, String bytes) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        sockets.add(socket);
        socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Everything the server writes until it closes the connection (a safety bound only: the server answers first). */
    private static String readToEnd(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static JsonNode errorBody(String response) throws IOException {
        return SimHttp.MAPPER.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    }

    @Test
    void slowBodiesAndSlowHeadersDoNotHoldUpANormalRequest() throws Exception {
        // the slow ones must still be open when the normal request is answered: a deadline far away
        URI base = start(SimulatorConfig.defaults().withRequestTimeoutMs(600_000));
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // a body announced as 100 bytes, of which one arrives
            slow.add(raw(base, "POST /oauth/token HTTP/1.1\r\nHost: sim\r\nContent-Length: 100\r\n\r\ng"));
        }
        for (int i = 0; i < 40; i++) {
            slow.add(raw(base, "GET /sim/info HTTP/1.1\r\nHo"));
        }

        HttpResponse<String> normal = new SimHttp(base).get("/sim/info", null);

        assertThat(normal.statusCode()).isEqualTo(200);
        for (Socket socket : slow) {
            assertThat(socket.isClosed()).isFalse();
            assertThat(socket.getInputStream().available())
                    .as("the slow request is not answered yet")
                    .isZero();
        }
    }

    @Test
    void aRequestThatDoesNotArriveInTimeGets408WithAnErrorBody() throws Exception {
        URI base = start(SimulatorConfig.defaults().withRequestTimeoutMs(200));
        Socket socket = raw(base, "POST /oauth/token HTTP/1.1\r\nHost: sim\r\nContent-Length: 100\r\n\r\ng");

        String response = readToEnd(socket);

        assertThat(response).startsWith("HTTP/1.1 408 ").contains("Connection: close");
        JsonNode body = errorBody(response);
        assertThat(body.get("status").asInt()).isEqualTo(408);
        assertThat(body.get("code").asText()).isEqualTo("request.timeout");
        assertThat(body.get("message").asText()).contains("200 ms");
    }

    @Test
    void aBodyAboveTheLimitIs413BeforeAnyOfItIsRead() throws Exception {
        URI base = start(SimulatorConfig.defaults());
        Socket socket = raw(base, "POST /oauth/token HTTP/1.1\r\nHost: sim\r\nContent-Length: 512001\r\n\r\n");

        String response = readToEnd(socket);

        assertThat(response).startsWith("HTTP/1.1 413 ");
        assertThat(errorBody(response).get("code").asText()).isEqualTo("request.too.large");
    }

    @Test
    void aChunkedBodyAboveTheLimitIs413() throws Exception {
        URI base = start(SimulatorConfig.defaults());
        Socket socket =
                raw(base, "POST /oauth/token HTTP/1.1\r\nHost: sim\r\nTransfer-Encoding: chunked\r\n\r\n7D001\r\n");

        assertThat(readToEnd(socket)).startsWith("HTTP/1.1 413 ");
    }

    @Test
    void headersAboveTheLimitAre431AndGarbageIs400() throws Exception {
        URI base = start(SimulatorConfig.defaults());
        Socket huge = raw(base, "GET /sim/info HTTP/1.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
        Socket garbage = raw(base, "HELLO\r\n\r\n");

        assertThat(readToEnd(huge)).startsWith("HTTP/1.1 431 ");
        String response = readToEnd(garbage);
        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(errorBody(response).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void chunkedBodiesAndExpectContinueAreRead() throws Exception {
        URI base = start(SimulatorConfig.defaults());
        String form = "grant_type=client_credentials&client_id=gctyping-sim&client_secret=gctyping-sim-secret";
        Socket chunked = raw(
                base,
                "POST /oauth/token HTTP/1.1\r\nHost: sim\r\nConnection: close\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(10) + "\r\n" + form.substring(0, 10) + "\r\n"
                        + Integer.toHexString(form.length() - 10) + ";ext=1\r\n" + form.substring(10)
                        + "\r\n0\r\n\r\n");
        Socket expecting = raw(
                base,
                "POST /oauth/token HTTP/1.1\r\nHost: sim\r\nConnection: close\r\nExpect: 100-continue\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
                        + "\r\n\r\n");
        byte[] interim = new byte["HTTP/1.1 100 Continue\r\n\r\n".length()];
        expecting.setSoTimeout(30_000);
        expecting.getInputStream().readNBytes(interim, 0, interim.length);
        expecting.getOutputStream().write(form.getBytes(StandardCharsets.US_ASCII));

        assertThat(readToEnd(chunked)).startsWith("HTTP/1.1 200 ").contains("access_token");
        assertThat(new String(interim, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        assertThat(readToEnd(expecting)).startsWith("HTTP/1.1 200 ").contains("access_token");
    }

    @Test
    void keptAliveConnectionsServeOneRequestAfterAnother() throws Exception {
        URI base = start(SimulatorConfig.defaults());
        Socket socket = raw(
                base,
                "GET /sim/info HTTP/1.1\r\nHost: sim\r\n\r\nGET /sim/nothing HTTP/1.1\r\nHost: sim\r\n"
                        + "Connection: close\r\n\r\n");

        String both = readToEnd(socket);

        assertThat(both)
                .startsWith("HTTP/1.1 200 ")
                .contains("\r\n\r\n{\"httpUrl\"")
                .contains("HTTP/1.1 404 ");
    }
}
