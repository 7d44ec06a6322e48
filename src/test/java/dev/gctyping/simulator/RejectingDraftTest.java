package dev.gctyping.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.handshake.HandshakeImpl1Client;
import org.java_websocket.handshake.HandshakeImpl1Server;
import org.junit.jupiter.api.Test;

class RejectingDraftTest {
    @Test
    void acceptsTheKeyAsRfc6455sExampleDoes() {
        assertThat(RejectingDraft.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void theUpgradeResponseHasTheLibrarysHeadersAndAnHttpDate() throws InvalidHandshakeException {
        HandshakeImpl1Client request = new HandshakeImpl1Client();
        request.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        request.put("Connection", "Upgrade");
        HandshakeImpl1Server response = new HandshakeImpl1Server();

        new RejectingDraft().postProcessHandshakeResponseAsServer(request, response);

        assertThat(response.getFieldValue("Upgrade")).isEqualTo("websocket");
        assertThat(response.getFieldValue("Connection")).isEqualTo("Upgrade");
        assertThat(response.getFieldValue("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(response.getFieldValue("Date"))
                .matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(response.hasFieldValue("Sec-WebSocket-Protocol")).isFalse();
    }

    @Test
    void anUpgradeWithoutAKeyIsRefused() {
        assertThatThrownBy(() -> new RejectingDraft()
                        .postProcessHandshakeResponseAsServer(new HandshakeImpl1Client(), new HandshakeImpl1Server()))
                .isInstanceOf(InvalidHandshakeException.class);
    }
}
