package dev.gctyping.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.protocol.guest.GuestFrames;
import org.junit.jupiter.api.Test;

class GuestWatchTest {
    private static String typing(String direction, String typing) {
        return "{\"type\":\"message\",\"class\":\"StructuredMessage\",\"code\":200,\"body\":{\"type\":\"Event\","
                + "\"direction\":\"" + direction + "\",\"id\":\"m1\",\"channel\":{\"time\":\"2026-01-01T00:00:00.000Z\","
                + "\"messageId\":\"m1\"},\"events\":[{\"eventType\":\"Typing\",\"typing\":" + typing + "}]}}";
    }

    @Test
    void theAgentsTypingAndTheCustomersOwnAreToldApart() {
        assertThat(GuestWatch.summary(GuestFrames.decode(typing("Outbound", "{\"type\":\"On\",\"duration\":3000}"))))
                .isEqualTo("Typing On 3000ms");
        assertThat(GuestWatch.summary(GuestFrames.decode(typing("Inbound", "{\"type\":\"On\"}"))))
                .isEqualTo("customer Typing On");
    }
}
