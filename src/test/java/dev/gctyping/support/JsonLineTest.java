package dev.gctyping.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonLineTest {
    @Test
    void fieldsKeepTheirOrderAndStringsAreEscaped() {
        String line = JsonLine.object()
                .field("text", "a \"quote\", a \\, a\ttab\u0001")
                .field("count", 3)
                .field("rate", 2.25)
                .field("none", (String) null)
                .field("nested", JsonLine.object().field("ok", true))
                .toString();

        assertThat(line)
                .isEqualTo("{\"text\":\"a \\\"quote\\\", a \\\\, a\\ttab\\u0001\",\"count\":3,\"rate\":2.3,"
                        + "\"none\":null,\"nested\":{\"ok\":true}}");
    }

    @Test
    void continuingAddsToAnObjectAlreadyOpenAfterAComma() {
        StringBuilder out = new StringBuilder("{\"first\":1");

        JsonLine.continuing(out).field("second", 2).field("third", "3");

        assertThat(out.append('}')).hasToString("{\"first\":1,\"second\":2,\"third\":\"3\"}");
    }

    @Test
    void aRateThatIsNotANumberIsNull() {
        StringBuilder out = new StringBuilder();

        JsonLine.appendRate(out, Double.NaN);

        assertThat(out).hasToString("null");
    }
}
