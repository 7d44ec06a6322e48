package dev.gctyping.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.support.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestFrameWriterTest {
    private static final long AT = 1_764_000_000_123L;

    @Test
    void anAgentsTypingFrameHasTheFieldsOfEveryMessageInTheirOrder() {
        JsonNode typing = Json.parse(GuestFrameWriter.typing("On", 5000L, AT).json());
        JsonNode text =
                Json.parse(GuestFrameWriter.agentText("m-1", "hello", AT).json());

        assertThat(names(typing))
                .containsExactly("type", "class", "code", "body")
                .isEqualTo(names(text));
        assertThat(typing.get("type").asText()).isEqualTo("message");
        assertThat(typing.get("class").asText()).isEqualTo("StructuredMessage");
        assertThat(typing.get("code").isInt()).isTrue();
        assertThat(typing.get("code").asInt()).isEqualTo(200);
        JsonNode body = typing.get("body");
        assertThat(names(body)).containsExactly("type", "direction", "id", "channel", "events");
        assertThat(body.get("type").asText()).isEqualTo("Event");
        assertThat(body.get("direction").asText()).isEqualTo("Outbound");
        assertThat(names(body.get("channel"))).isEqualTo(names(text.get("body").get("channel")));
        assertThat(body.get("channel").get("time").asText()).isEqualTo("2025-11-24T16:00:00.123Z");
        assertThat(body.get("channel").get("messageId")).isEqualTo(body.get("id"));
        assertThat(body.get("events"))
                .isEqualTo(Json.parse("[{\"eventType\":\"Typing\",\"typing\":{\"type\":\"On\",\"duration\":5000}}]"));
    }

    @Test
    void aTypingFrameWithoutDurationHasNone() {
        JsonNode off = Json.parse(GuestFrameWriter.typing("Off", null, AT).json());

        assertThat(off.get("body").get("events"))
                .isEqualTo(Json.parse("[{\"eventType\":\"Typing\",\"typing\":{\"type\":\"Off\"}}]"));
        assertThat(off.has("tracingId")).isFalse();
    }

    @Test
    void aGuestsTypingComesBackInboundWithItsTracingIdLast() {
        JsonNode echo = Json.parse(GuestFrameWriter.guestTypingEcho(AT, "trace-1"));

        assertThat(names(echo)).containsExactly("type", "class", "code", "body", "tracingId");
        assertThat(echo.get("tracingId").asText()).isEqualTo("trace-1");
        assertThat(echo.get("body").get("direction").asText()).isEqualTo("Inbound");
        assertThat(echo.get("body").get("events"))
                .isEqualTo(Json.parse("[{\"eventType\":\"Typing\",\"typing\":{\"type\":\"On\"}}]"));
    }

    @Test
    void aTracingIdFromTheClientIsEscaped() {
        JsonNode echo = Json.parse(GuestFrameWriter.guestTypingEcho(AT, "a \"quoted\" \\ id"));

        assertThat(echo.get("tracingId").asText()).isEqualTo("a \"quoted\" \\ id");
    }

    @Test
    void everyTypingFrameHasAnIdOfItsOwn() {
        String first = Json.parse(GuestFrameWriter.typing("On", 5000L, AT).json())
                .get("body")
                .get("id")
                .asText();
        String second = Json.parse(GuestFrameWriter.typing("On", 5000L, AT).json())
                .get("body")
                .get("id")
                .asText();

        assertThat(first).isNotEqualTo(second);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
