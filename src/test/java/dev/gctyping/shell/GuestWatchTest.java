package dev.gctyping.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.client.Target;
import dev.gctyping.protocol.guest.GuestFrames;
import dev.gctyping.protocol.guest.GuestRequests;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestWatchTest {
    private final List<String> shown = new ArrayList<>();
    private final GuestWatch watch = new GuestWatch(
            Target.simulator(URI.create("http://127.0.0.1:1"), URI.create("ws://127.0.0.1:2"), "id", "secret"),
            (raw, summary) -> shown.add(summary));

    private void receive(String frame) {
        watch.received(frame, GuestFrames.decode(frame));
    }

    private static String typing(String direction, String typing) {
        return "{\"type\":\"message\",\"class\":\"StructuredMessage\",\"code\":200,\"body\":{\"type\":\"Event\","
                + "\"direction\":\"" + direction
                + "\",\"id\":\"m1\",\"channel\":{\"time\":\"2026-01-01T00:00:00.000Z\","
                + "\"messageId\":\"m1\"},\"events\":[{\"eventType\":\"Typing\",\"typing\":" + typing + "}]}}";
    }

    @Test
    void theAgentsTypingAndTheCustomersOwnAreToldApart() {
        assertThat(GuestWatch.summary(GuestFrames.decode(typing("Outbound", "{\"type\":\"On\",\"duration\":3000}"))))
                .isEqualTo("Typing On 3000ms");
        assertThat(GuestWatch.summary(GuestFrames.decode(typing("Inbound", "{\"type\":\"On\"}"))))
                .isEqualTo("customer Typing On");
    }

    @Test
    void theKeepAlivesAnswerIsNotShownAsAMessage() {
        receive("{\"type\":\"response\",\"class\":\"StructuredMessage\",\"code\":200,\"tracingId\":\""
                + GuestRequests.ECHO_TRACING_ID
                + "\",\"body\":{\"text\":\"ping\",\"type\":\"Text\",\"direction\":\"Inbound\",\"id\":\"e1\"}}");
        assertThat(shown).isEmpty();
        assertThat(watch.lastFrames()).isEmpty();
    }

    @Test
    void theAgentsMessageIsShown() {
        receive("{\"type\":\"message\",\"class\":\"StructuredMessage\",\"code\":200,"
                + "\"body\":{\"text\":\"hi\",\"type\":\"Text\",\"direction\":\"Outbound\",\"id\":\"m1\"}}");
        assertThat(shown).containsExactly("Text \"hi\" (Outbound)");
        assertThat(watch.lastFrames()).singleElement().asString().startsWith("Text \"hi\" (Outbound)");
    }
}
