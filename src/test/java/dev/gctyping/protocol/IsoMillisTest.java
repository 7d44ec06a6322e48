package dev.gctyping.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The in-place parse of the canonical form agrees with {@code Instant.parse} on every text, or declines it. */
class IsoMillisTest {
    /** From before the year 0 to after 9999: the formatter's slow path and the parser's refusals included. */
    private static final long SPAN = 400_000_000_000_000L;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void whatAppendWritesParsesBackToTheSameMillis(long seed) {
        SplittableRandom random = new SplittableRandom(Long.getLong("seed", seed));
        IsoMillis iso = new IsoMillis();
        for (int i = 0; i < 20_000; i++) {
            long millis = i % 2 == 0 ? random.nextLong(-SPAN, SPAN) : 1_764_000_000_000L + random.nextLong(1L << 36);
            String text = iso.format(millis);
            long parsed = IsoMillis.parseCanonical(text);
            if (parsed == IsoMillis.NOT_CANONICAL) {
                assertThat(text.length())
                        .as("only years outside 0000-9999 are not canonical")
                        .isNotEqualTo(24);
            } else {
                assertThat(parsed).as(text).isEqualTo(millis);
            }
            assertThat(IsoMillis.parse(text)).as(text).isEqualTo(millis);
        }
    }

    /** Canonical texts with one character changed: accepted only with Instant.parse's value, never anything else. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aMutatedTextIsReadAsInstantParseReadsItOrDeclined(long seed) {
        SplittableRandom random = new SplittableRandom(Long.getLong("seed", seed));
        IsoMillis iso = new IsoMillis();
        String alphabet = "0123456789-:.TZ+x ";
        for (int i = 0; i < 50_000; i++) {
            char[] text = iso.format(random.nextLong(0, 253_402_300_799_999L)).toCharArray();
            text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            String mutated = new String(text);
            long parsed = IsoMillis.parseCanonical(mutated);
            if (parsed != IsoMillis.NOT_CANONICAL) {
                assertThat(parsed).as(mutated).isEqualTo(instantParse(mutated));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-02-29T23:59:59.999Z",
                "2023-02-29T00:00:00.000Z",
                "2026-12-31T23:59:60.000Z",
                "2026-04-31T00:00:00.000Z",
                "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:00.000+01:00",
                "1900-02-29T00:00:00.000Z",
                "2000-02-29T00:00:00.000Z"
            })
    void edgeCasesAgreeWithInstantParse(String text) {
        long parsed = IsoMillis.parseCanonical(text);
        Long expected = instantParse(text);
        if (parsed != IsoMillis.NOT_CANONICAL) {
            assertThat(parsed).isEqualTo(expected);
        } else if (expected != null) {
            assertThat(IsoMillis.parse(text)).isEqualTo(expected);
        }
    }

    private static Long instantParse(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
