package dev.gctyping.protocol.guest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gctyping.support.Json;
import org.junit.jupiter.api.Test;

/** Decoding of the verbatim fixtures quoted in protocol-facts.md §1.3. */
class GuestFramesTest {

    @Test
    void sessionResponse() {
        GuestFrame frame = GuestFrames.decode("{\"type\":\"response\",\"class\":\"SessionResponse\",\"code\":200,"
                + "\"body\":{\"connected\":true,\"newSession\":true,\"readOnly\":false,\"maxCustomDataBytes\":2048,"
                + "\"clearedExistingSession\":false,\"durationSeconds\":3600,\"expirationDate\":1700000000}}");
        assertThat(frame)
                .isEqualTo(new GuestFrame.SessionResponse(
                        new FrameHeader("response", "SessionResponse", 200, null),
                        true,
                        true,
                        false,
                        false,
                        2048L,
                        3600L,
                        1700000000L,
                        null));
    }

    @Test
    void agentTextMessage() {
        GuestFrame frame = GuestFrames.decode("{\"type\":\"message\",\"class\":\"StructuredMessage\",\"code\":200,"
                + "\"body\":{\"text\":\"Hello world!\",\"direction\":\"Outbound\",\"id\":\"m1\","
                + "\"channel\":{\"time\":\"2022-08-22T19:24:26.704Z\",\"messageId\":\"c1\"},\"type\":\"Text\","
                + "\"originatingEntity\":\"Human\"},\"tracingId\":\"t1\"}");
        assertThat(frame).isInstanceOfSatisfying(GuestFrame.StructuredMessage.class, message -> {
            assertThat(message.header()).isEqualTo(new FrameHeader("message", "StructuredMessage", 200, "t1"));
            assertThat(message.isOutbound()).isTrue();
            assertThat(message.isText()).isTrue();
            assertThat(message.text()).isEqualTo("Hello world!");
            assertThat(message.id()).isEqualTo("m1");
            assertThat(message.channelTime()).isEqualTo("2022-08-22T19:24:26.704Z");
            assertThat(message.originatingEntity()).isEqualTo("Human");
            assertThat(message.events()).isEmpty();
        });
    }

    @Test
    void agentTypingEventsIncludingOffAndUnknownTypes() {
        GuestFrame frame = GuestFrames.decode("{\"type\":\"message\",\"class\":\"StructuredMessage\",\"code\":200,"
                + "\"body\":{\"direction\":\"Outbound\",\"id\":\"e1\",\"channel\":{\"time\":\"2022-03-09T13:35:31.104Z\","
                + "\"messageId\":\"c2\"},\"type\":\"Event\",\"metadata\":{\"correlationId\":\"k\"},"
                + "\"events\":[{\"eventType\":\"Typing\",\"typing\":{\"type\":\"On\",\"duration\":5000}},"
                + "{\"eventType\":\"Typing\",\"typing\":{\"type\":\"Off\",\"duration\":1000}},"
                + "{\"eventType\":\"Typing\",\"typing\":{\"type\":\"On\"}},"
                + "{\"eventType\":\"Presence\",\"presence\":{\"type\":\"Join\"}},"
                + "{\"eventType\":\"CoBrowse\",\"coBrowse\":{\"type\":\"Offering\"}}]}}");
        assertThat(frame).isInstanceOfSatisfying(GuestFrame.StructuredMessage.class, message -> {
            assertThat(message.bodyType()).isEqualTo("Event");
            assertThat(message.metadata().path("correlationId").asText()).isEqualTo("k");
            assertThat(message.events()).hasSize(5);
            assertThat(message.events().get(0)).isEqualTo(new GuestEvent.Typing("On", 5000L));
            assertThat(message.events().get(1)).isEqualTo(new GuestEvent.Typing("Off", 1000L));
            GuestEvent.Typing noDuration = (GuestEvent.Typing) message.events().get(2);
            assertThat(noDuration.durationMs()).isNull();
            assertThat(noDuration.effectiveDurationMs()).isEqualTo(5000);
            assertThat(message.events().get(3)).isEqualTo(new GuestEvent.Presence("Join"));
            assertThat(message.events().get(4)).isInstanceOfSatisfying(GuestEvent.Unknown.class, unknown -> {
                assertThat(unknown.eventType()).isEqualTo("CoBrowse");
                assertThat(unknown.raw().path("coBrowse").path("type").asText()).isEqualTo("Offering");
            });
        });
    }

    @Test
    void echoReplyKeepsTracingIdAndMetadata() {
        GuestFrame frame = GuestFrames.decode("{\"type\":\"response\",\"class\":\"StructuredMessage\",\"code\":200,"
                + "\"body\":{\"text\":\"ping\",\"type\":\"Text\",\"direction\":\"Inbound\",\"id\":\"echo_id\","
                + "\"metadata\":{\"durationSeconds\":\"3600\"}},\"tracingId\":\"SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=\"}");
        assertThat(frame).isInstanceOfSatisfying(GuestFrame.StructuredMessage.class, echo -> {
            assertThat(echo.header().isResponse()).isTrue();
            assertThat(echo.header().tracingId()).isEqualTo(GuestRequests.ECHO_TRACING_ID);
            assertThat(echo.isOutbound()).isFalse();
            assertThat(echo.metadata().path("durationSeconds").asText()).isEqualTo("3600");
        });
    }

    @Test
    void rateLimitWithEitherErrorCode() {
        assertThat(
                        GuestFrames.decode(
                                "{\"type\":\"response\",\"class\":\"TooManyRequestsErrorMessage\",\"code\":429,"
                                        + "\"body\":{\"retryAfter\":3,\"errorCode\":4029,\"errorMessage\":\"Message rate too high for this session\"}}"))
                .isEqualTo(new GuestFrame.TooManyRequestsErrorMessage(
                        new FrameHeader("response", "TooManyRequestsErrorMessage", 429, null),
                        3,
                        4029,
                        "Message rate too high for this session"));
        assertThat(
                        GuestFrames.decode(
                                "{\"type\":\"response\",\"class\":\"TooManyRequestsErrorMessage\",\"code\":429,"
                                        + "\"body\":{\"errorCode\":429,\"errorMessage\":\"ConfigureSession rate too high for this session\",\"retryAfter\":3}}"))
                .isInstanceOfSatisfying(
                        GuestFrame.TooManyRequestsErrorMessage.class,
                        limited -> assertThat(limited.errorCode()).isEqualTo(429));
    }

    @Test
    void stringErrorsJwtAndSessionEvents() {
        assertThat(GuestFrames.decode(
                        "{\"type\":\"response\",\"class\":\"string\",\"code\":4011,\"body\":\"message too long\"}"))
                .isEqualTo(new GuestFrame.ErrorMessage(
                        new FrameHeader("response", "string", 4011, null), "message too long"));
        assertThat(
                        GuestFrames.decode(
                                "{\"type\":\"response\",\"class\":\"JwtResponse\",\"code\":200,\"body\":{\"jwt\":\"j\",\"exp\":333}}"))
                .isEqualTo(new GuestFrame.JwtResponse(new FrameHeader("response", "JwtResponse", 200, null), "j", 333));
        assertThat(GuestFrames.decode(
                        "{\"type\":\"message\",\"class\":\"ConnectionClosedEvent\",\"code\":200,\"body\":{}}"))
                .isEqualTo(new GuestFrame.ConnectionClosedEvent(
                        new FrameHeader("message", "ConnectionClosedEvent", 200, null), null));
        assertThat(
                        GuestFrames.decode(
                                "{\"type\":\"message\",\"class\":\"ConnectionClosedEvent\",\"code\":200,\"body\":{\"reason\":\"signedIn\"}}"))
                .isInstanceOfSatisfying(
                        GuestFrame.ConnectionClosedEvent.class,
                        closed -> assertThat(closed.reason()).isEqualTo("signedIn"));
        assertThat(GuestFrames.decode(
                        "{\"type\":\"message\",\"class\":\"SessionExpiredEvent\",\"code\":200,\"body\":{}}"))
                .isInstanceOf(GuestFrame.SessionExpiredEvent.class);
        assertThat(GuestFrames.decode(
                        "{\"type\":\"message\",\"class\":\"SessionClearedEvent\",\"code\":200,\"body\":{}}"))
                .isInstanceOf(GuestFrame.SessionClearedEvent.class);
        assertThat(GuestFrames.decode("{\"type\":\"message\",\"class\":\"LogoutEvent\",\"code\":200,\"body\":{}}"))
                .isInstanceOf(GuestFrame.LogoutEvent.class);
        assertThat(
                        GuestFrames.decode(
                                "{\"type\":\"response\",\"class\":\"UploadSuccessEvent\",\"code\":200,\"body\":{\"attachmentId\":\"a\"}}"))
                .isInstanceOfSatisfying(
                        GuestFrame.AttachmentFrame.class,
                        upload -> assertThat(upload.body().path("attachmentId").asText())
                                .isEqualTo("a"));
    }

    @Test
    void unknownClassesAndNonJsonAreKeptWhole() {
        GuestFrame unknown = GuestFrames.decode(
                "{\"type\":\"message\",\"class\":\"BrandNewEvent\",\"code\":200,\"body\":{\"x\":1}}");
        assertThat(unknown).isInstanceOfSatisfying(GuestFrame.Unknown.class, frame -> {
            assertThat(frame.header().className()).isEqualTo("BrandNewEvent");
            assertThat(frame.raw().path("body").path("x").asInt()).isEqualTo(1);
        });
        assertThat(GuestFrames.decode("not json"))
                .isInstanceOfSatisfying(
                        GuestFrame.Unknown.class,
                        frame -> assertThat(frame.raw().asText()).isEqualTo("not json"));
    }

    @Test
    void requestsMatchTheTransportSdkSerialisation() throws Exception {
        assertThat(Json.MAPPER.readTree(GuestRequests.typing("token", "tracing_id")))
                .isEqualTo(
                        Json.MAPPER.readTree(
                                "{\"token\":\"token\",\"tracingId\":\"tracing_id\",\"action\":\"onMessage\","
                                        + "\"message\":{\"events\":[{\"eventType\":\"Typing\",\"typing\":{\"type\":\"On\"}}],\"type\":\"Event\"}}"));
        assertThat(Json.MAPPER.readTree(GuestRequests.echo("token")))
                .isEqualTo(Json.MAPPER.readTree(
                        "{\"action\":\"echo\",\"token\":\"token\",\"tracingId\":\"SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=\","
                                + "\"message\":{\"type\":\"Text\",\"text\":\"ping\"}}"));
        ObjectNode extra = Json.MAPPER.createObjectNode();
        extra.putObject("customAttributes").put("conversationId", "c-1");
        assertThat(Json.MAPPER.readTree(GuestRequests.configureSession("token", "dep", false, extra)))
                .isEqualTo(Json.MAPPER.readTree(
                        "{\"action\":\"configureSession\",\"token\":\"token\",\"deploymentId\":\"dep\",\"startNew\":false,"
                                + "\"customAttributes\":{\"conversationId\":\"c-1\"}}"));
    }
}
